namespace OrleansBots.Events;

/// <summary>
/// One bot's event log (key: the bot id): numbers the bot's events, keeps a bounded recent history for readers that
/// resume, and publishes each event on the bot's Orleans stream (<c>BotEventStreams</c>).
/// </summary>
[Alias("OrleansBots.Events.IBotEventLogGrain")]
public interface IBotEventLogGrain : IGrainWithStringKey
{
    /// <summary>Numbers <paramref name="events"/> in order, keeps them and publishes them.</summary>
    [Alias("Append")]
    Task Append(IReadOnlyList<BotEvent> events);

    /// <summary>The kept events after <paramref name="afterSequence"/> (0: all kept), oldest first.</summary>
    [Alias("Since"), ReadOnly]
    Task<BotEventPage> Since(long afterSequence);
}
