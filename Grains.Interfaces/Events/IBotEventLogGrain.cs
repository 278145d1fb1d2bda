namespace OrleansBots.Events;

/// <summary>
/// One bot's event log as its readers see it (key: the bot id). The bot's own grain implements it, so this reaches the
/// bot's activation: it numbers the bot's events, keeps a bounded recent history for readers that resume, and
/// publishes each event on the bot's Orleans stream (<c>BotEventStreams</c>) while a reader watches it.
/// </summary>
[Alias("OrleansBots.Events.IBotEventLogGrain")]
public interface IBotEventLogGrain : IGrainWithStringKey
{
    /// <summary>
    /// The kept events after <paramref name="afterSequence"/> (0: all kept), oldest first; and from now on, for
    /// <see cref="BotEventPage.WatchedFor"/>, the log publishes the bot's events on its stream. A reader subscribes to
    /// the stream first, then calls this, and calls it again after its last event before that time is up (see
    /// <see cref="BotEventWatch"/>). An unwatched bot publishes nothing: no stream traffic and no pub-sub grain per bot.
    /// </summary>
    [Alias("Watch")]
    Task<BotEventPage> Watch(long afterSequence);
}
