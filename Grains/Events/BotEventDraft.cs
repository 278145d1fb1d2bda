using OrleansBots.Bots;

namespace OrleansBots.Events;

/// <summary>
/// Something a bot did, before its event log numbers it (<see cref="EventHistory.Append"/>). A struct: an event is one
/// object, made once with its number, not a record and its numbered copy (two objects per event, per trade four, were
/// the largest single share of what the silo allocated while 100,000 bots traded).
/// </summary>
public readonly record struct BotEventDraft(
    BotEventKind Kind,
    DateTimeOffset At,
    BotLifecycle? Lifecycle = null,
    Signal? Signal = null,
    Trade? Trade = null,
    ChatReply? Reply = null)
{
    public BotEvent Numbered(string botId, long sequence) => new(sequence, botId, Kind, At, Lifecycle, Signal, Trade, Reply);

    /// <summary>The draft an event was numbered from.</summary>
    public static BotEventDraft Of(BotEvent numbered) =>
        new(numbered.Kind, numbered.At, numbered.Lifecycle, numbered.Signal, numbered.Trade, numbered.Reply);
}
