using OrleansBots.Bots;
using OrleansBots.Events;

namespace OrleansBots.Contracts.Mapping;

/// <summary>A user's bots, their output and their live events, from the grains' records to the API's contracts and back.</summary>
public static class BotContractMapping
{
    /// <summary>A bot as the API shows it.</summary>
    /// <param name="b">The bot grain's record.</param>
    /// <returns>The API's view of the bot.</returns>
    public static BotView ToContract(this BotInfo b) => new(
        b.BotId,
        b.UserId,
        b.Definition.Name,
        b.Definition.Kind.ToString().ToLowerInvariant(),
        b.Definition.Strategy,
        b.Definition.Symbols,
        b.Definition.TickSeconds,
        b.Definition.ShortWindow,
        b.Definition.LongWindow,
        b.Definition.TradeQuantity,
        b.Status.ToString().ToLowerInvariant(),
        b.FailureReason,
        b.CreatedAt,
        b.StartedAt,
        b.Ticks,
        b.LastTickAt,
        b.TradesTotal,
        b.Restarts,
        b.Silo);

    /// <summary>A trade as the API shows it.</summary>
    /// <param name="t">The bot's trade.</param>
    /// <returns>The API's view of the trade.</returns>
    public static TradeView ToContract(this Trade t) => new(t.TradeId, t.Symbol, t.Side.ToString().ToLowerInvariant(), t.Price, t.Quantity, t.At);

    /// <summary>A signal as the API shows it.</summary>
    /// <param name="s">The bot's signal.</param>
    /// <returns>The API's view of the signal.</returns>
    public static SignalView ToContract(this Signal s) => new(s.At, s.Symbol, s.Kind, s.Message);

    /// <summary>A chat reply as the API shows it.</summary>
    /// <param name="r">The chat bot's reply.</param>
    /// <returns>The API's view of the reply.</returns>
    public static ReplyView ToContract(this ChatReply r) => new(r.At, r.Message, r.Text);

    /// <summary>The create request's fields as the grains take them, still unchecked.</summary>
    /// <param name="r">The body of <c>POST /api/bots</c>.</param>
    /// <returns>The draft <see cref="IUserBotsGrain.Create"/> checks.</returns>
    public static BotDraft ToDraft(this CreateBotRequest r) =>
        new(r.Name, r.Kind, r.Symbols, r.TickSeconds, r.ShortWindow, r.LongWindow, r.TradeQuantity, r.Strategy);

    /// <summary>The event type (SSE <c>event</c>) of a kind of bot event.</summary>
    /// <param name="kind">The kind of event.</param>
    /// <returns><c>lifecycle</c>, <c>signal</c>, <c>trade</c> or <c>reply</c>.</returns>
    public static string TypeOf(BotEventKind kind) => kind switch
    {
        BotEventKind.Lifecycle => BotEventView.Lifecycle,
        BotEventKind.Signal => BotEventView.SignalType,
        BotEventKind.Trade => BotEventView.TradeType,
        _ => BotEventView.ReplyType,
    };

    /// <summary>The notice that events after <paramref name="lastEventId"/> are no longer kept (the history is bounded, or a crash lost it).</summary>
    /// <param name="lastEventId">The reader's last event.</param>
    /// <returns>The <c>gap</c> event's data.</returns>
    public static EventGapView GapAfter(long lastEventId) =>
        new(lastEventId, $"Events after {lastEventId} are no longer kept; the stream goes on with the oldest kept event.");

    /// <summary>A bot's live event as the events stream sends it.</summary>
    /// <param name="e">The event from the bot's event log or stream.</param>
    /// <returns>The API's view of the event.</returns>
    public static BotEventView ToContract(this BotEvent e) => new(
        e.Sequence,
        e.BotId,
        TypeOf(e.Kind),
        e.At,
        e.Lifecycle is { } lifecycle ? (lifecycle.Deleted ? "deleted" : lifecycle.Status.ToString().ToLowerInvariant()) : null,
        e.Lifecycle?.Deleted == true ? true : null,
        e.Lifecycle?.Reason,
        e.Signal?.ToContract(),
        e.Trade?.ToContract(),
        e.Reply?.ToContract());
}
