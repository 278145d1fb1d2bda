namespace OrleansBots.Contracts;

/// <summary>POST /api/bots. Only <c>name</c> and <c>symbols</c> are required.</summary>
public sealed record CreateBotRequest(
    string? Name,
    string? Kind = null,
    IReadOnlyList<string>? Symbols = null,
    double? TickSeconds = null,
    int? ShortWindow = null,
    int? LongWindow = null,
    decimal? TradeQuantity = null,
    string? Strategy = null);

public sealed record BotView(
    string BotId,
    string UserId,
    string Name,
    string Kind,
    string? Strategy,
    IReadOnlyList<string> Symbols,
    double TickSeconds,
    int ShortWindow,
    int LongWindow,
    decimal TradeQuantity,
    string Status,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    long Ticks,
    DateTimeOffset? LastTickAt,
    long TradesTotal,
    long Restarts,
    string? Silo);

/// <summary>GET /api/bots?limit=&amp;cursor=: a page of the caller's bots in bot id order; <c>next_cursor</c> is null on the last page.</summary>
public sealed record BotListResponse(bool Success, IReadOnlyList<BotView> Bots, string? NextCursor = null);

/// <summary>DELETE /api/bots/{bot_id}.</summary>
public sealed record BotDeletedResponse(bool Success, string BotId, bool Deleted);

public sealed record TradeView(string TradeId, string Symbol, string Side, decimal Price, decimal Quantity, DateTimeOffset At);

/// <summary>A page of trades, newest first; <c>next_cursor</c> continues to older ones (null at the end).</summary>
public sealed record TradesResponse(bool Success, string BotId, IReadOnlyList<TradeView> Trades, string? NextCursor = null);

public sealed record SignalView(DateTimeOffset At, string Symbol, string Kind, string Message);

/// <summary>A page of signals, newest first; <c>next_cursor</c> continues to older ones (null at the end).</summary>
public sealed record SignalsResponse(bool Success, string BotId, IReadOnlyList<SignalView> Signals, string? NextCursor = null);

/// <summary>POST /api/bots/{bot_id}/messages (chat bots).</summary>
public sealed record ChatMessageRequest(string? Text);

public sealed record ReplyView(DateTimeOffset At, string Message, string Text);

public sealed record ChatResponse(bool Success, string BotId, ReplyView Reply);

/// <summary>A page of chat replies, newest first; <c>next_cursor</c> continues to older ones (null at the end).</summary>
public sealed record RepliesResponse(bool Success, string BotId, IReadOnlyList<ReplyView> Replies, string? NextCursor = null);
