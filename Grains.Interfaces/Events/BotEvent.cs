using OrleansBots.Bots;

namespace OrleansBots.Events;

/// <summary>
/// Something a bot did, in the order it did it: a lifecycle change, a signal, a trade or a chat reply. Exactly one of
/// <see cref="Lifecycle"/>, <see cref="Signal"/>, <see cref="Trade"/> and <see cref="Reply"/> is set, as
/// <see cref="Kind"/> says. <see cref="Sequence"/> is the bot's own event number, given by its event log (0 until then):
/// it only grows, so a reader resumes after the last number it saw.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.Events.BotEvent")]
public sealed record BotEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string BotId,
    [property: Id(2)] BotEventKind Kind,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] BotLifecycle? Lifecycle = null,
    [property: Id(5)] Signal? Signal = null,
    [property: Id(6)] Trade? Trade = null,
    [property: Id(7)] ChatReply? Reply = null);
