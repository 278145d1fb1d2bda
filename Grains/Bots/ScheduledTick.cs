namespace OrleansBots.Bots;

/// <summary>
/// One running bot's place in its silo's <see cref="TickDriver"/>: when due, <paramref name="onDue"/> runs on the
/// driver's thread. Made once per start of the bot's ticks, so that a tick left over from an earlier start is told
/// apart (it carries the old one).
/// </summary>
public sealed class ScheduledTick(Action<ScheduledTick> onDue)
{
    /// <summary>Which of this tick's entries in the schedule counts (older ones were cancelled or replaced); the schedule's lock guards it.</summary>
    internal int Version { get; set; }

    public void Fire() => onDue(this);
}
