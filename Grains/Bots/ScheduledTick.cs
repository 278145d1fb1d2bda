namespace OrleansBots.Bots;

/// <summary>
/// One running bot's place in its silo's <see cref="TickDriver"/>: when due, <paramref name="onDue"/> runs on the bot's
/// activation, as a plain work item of its scheduler (one task, no message). Made once per start of the bot's ticks, so
/// that a firing left over from an earlier start is told apart (it carries the old one).
/// </summary>
public sealed class ScheduledTick(IGrainContext activation, Action<ScheduledTick> onDue)
{
    private static readonly Action<object> RunOnActivation = static tick => ((ScheduledTick)tick!).Run();

    /// <summary>Which of this tick's entries in the schedule counts (older ones were cancelled or replaced); the schedule's lock guards it.</summary>
    internal int Version { get; set; }

    /// <summary>Queues the tick on its activation; it runs between the activation's other work items, never beside them.</summary>
    public void Fire() => activation.Scheduler.QueueAction(RunOnActivation, this);

    private void Run() => onDue(this);
}
