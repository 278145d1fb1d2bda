namespace OrleansBots.Events;

/// <summary>
/// The Orleans streams of live events: one stream per bot (namespace <see cref="BotNamespace"/>, key the bot id) and
/// one of the platform (namespace <see cref="PlatformNamespace"/>, key <see cref="PlatformKey"/>), on memory streams
/// named <see cref="Provider"/>. Memory streams reach subscribers on every silo and on cluster clients; their queues
/// live in grains, so a reader on one silo follows a bot that runs on another.
/// </summary>
public static class BotEventStreams
{
    public const string Provider = "events";

    /// <summary>Carries <see cref="BotEvent"/> items; the stream key is the bot id.</summary>
    public const string BotNamespace = "bot-events";

    /// <summary>Carries <see cref="PlatformEvent"/> items.</summary>
    public const string PlatformNamespace = "platform-events";

    public const string PlatformKey = "platform";
}
