namespace OrleansBots.Events;

/// <summary>
/// What a bot's event log still holds after a reader's last event, oldest first. <see cref="Complete"/> is false when
/// events after that one are no longer kept (the history is bounded, or a crash lost it): the reader missed some.
/// <see cref="WatchedFor"/> is how long the log publishes on the bot's stream after this answer (zero: not asked to).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.Events.BotEventPage")]
public sealed record BotEventPage([property: Id(0)] IReadOnlyList<BotEvent> Events, [property: Id(1)] bool Complete, [property: Id(2)] long Latest,
    [property: Id(3)] TimeSpan WatchedFor = default);
