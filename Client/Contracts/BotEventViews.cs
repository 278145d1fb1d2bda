using System.Text.Json.Serialization;

namespace OrleansBots.Contracts;

/// <summary>
/// One event of <c>GET /api/bots/{bot_id}/events</c> (the SSE <c>data</c>; the SSE <c>event</c> is <see cref="Type"/>,
/// the SSE <c>id</c> is <see cref="Sequence"/>, the bot's own event number: it only grows; send the last one seen as
/// <c>Last-Event-ID</c> to resume). <see cref="Type"/> is <c>lifecycle</c> (with <see cref="Status"/>, <see cref="Deleted"/>
/// and, for a failure or a resume, <see cref="Reason"/>), <c>signal</c>, <c>trade</c> or <c>reply</c>.
/// </summary>
public sealed record BotEventView(
    long Sequence,
    string BotId,
    string Type,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Deleted = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SignalView? Signal = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TradeView? Trade = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReplyView? Reply = null)
{
    public const string Lifecycle = "lifecycle";
    public const string SignalType = "signal";
    public const string TradeType = "trade";
    public const string ReplyType = "reply";
}

/// <summary>
/// SSE event <c>gap</c>: events after <see cref="LastEventId"/> are no longer kept (the history is bounded, or a silo
/// crash lost it); the stream goes on with the oldest event still kept.
/// </summary>
public sealed record EventGapView(long LastEventId, string Message);

/// <summary>
/// SSE event <c>closed</c>, the last one before the server ends the stream: <see cref="Reason"/> is <c>slow_reader</c>
/// (the reader fell more than the connection's buffer behind) or <c>shutting_down</c>. Reconnect with <c>Last-Event-ID</c>.
/// </summary>
public sealed record StreamClosedView(string Reason, string Message);

/// <summary>
/// One event of <c>GET /api/admin/events</c>: <see cref="Type"/> <c>capacity</c> (with <see cref="Capacity"/>; the
/// first event of every connection is the current capacity) or <c>alert</c> (with <see cref="Alert"/>).
/// </summary>
public sealed record PlatformEventView(
    string Type,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CapacityView? Capacity = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AlertView? Alert = null)
{
    public const string CapacityType = "capacity";
    public const string AlertType = "alert";
}
