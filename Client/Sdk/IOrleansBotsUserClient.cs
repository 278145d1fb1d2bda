using OrleansBots.Contracts;

namespace OrleansBots.Client;

/// <summary>
/// What a user may do (their API key): create, start, stop and delete bots, read their trades, signals and replies,
/// talk to chat bots and follow a bot live. A user only ever sees their own bots. Refusals throw
/// <see cref="OrleansBotsApiException"/> or one of its typed subclasses (<see cref="PlatformFullException"/>,
/// <see cref="LimitExceededException"/>, <see cref="NotFoundException"/>, <see cref="RequestValidationException"/>).
/// </summary>
public interface IOrleansBotsUserClient
{
    /// <summary>Creates a bot (not started); 429 (<see cref="LimitExceededException"/>) when the user's bot actions are limited.</summary>
    Task<BotView> CreateBotAsync(CreateBotRequest request, CancellationToken cancellationToken = default);

    /// <summary>All of the user's bots (every page).</summary>
    Task<IReadOnlyList<BotView>> ListBotsAsync(CancellationToken cancellationToken = default);

    /// <summary>The user's bots, fetched page by page (<paramref name="pageSize"/> 1 to 1000) as they are enumerated.</summary>
    IAsyncEnumerable<BotView> EnumerateBotsAsync(int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>One of the user's bots; <see cref="NotFoundException"/> for a bot that is not theirs.</summary>
    Task<BotView> GetBotAsync(string botId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a bot; <see cref="PlatformFullException"/> (with the running and maximum bots) when the platform is full,
    /// <see cref="LimitExceededException"/> when the user's own limit is reached.
    /// </summary>
    Task<BotView> StartBotAsync(string botId, CancellationToken cancellationToken = default);

    /// <summary>Stops a bot and frees its slot.</summary>
    Task<BotView> StopBotAsync(string botId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a bot (stopping it first).</summary>
    Task DeleteBotAsync(string botId, CancellationToken cancellationToken = default);

    /// <summary>The bot's latest trades, newest first (<paramref name="limit"/> 1 to 1000).</summary>
    Task<IReadOnlyList<TradeView>> GetTradesAsync(string botId, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The bot's trades, newest first, page by page as they are enumerated (back to the oldest the platform keeps).</summary>
    IAsyncEnumerable<TradeView> EnumerateTradesAsync(string botId, int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>The bot's latest signals, newest first (<paramref name="limit"/> 1 to 1000).</summary>
    Task<IReadOnlyList<SignalView>> GetSignalsAsync(string botId, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The bot's signals, newest first, page by page as they are enumerated.</summary>
    IAsyncEnumerable<SignalView> EnumerateSignalsAsync(string botId, int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>Asks a running chat bot; 409 for a trading bot or a stopped one, <see cref="LimitExceededException"/> over the signals-per-minute limit.</summary>
    Task<ReplyView> SendMessageAsync(string botId, string text, CancellationToken cancellationToken = default);

    /// <summary>The chat bot's latest replies, newest first (<paramref name="limit"/> 1 to 1000).</summary>
    Task<IReadOnlyList<ReplyView>> GetRepliesAsync(string botId, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The chat bot's replies, newest first, page by page as they are enumerated.</summary>
    IAsyncEnumerable<ReplyView> EnumerateRepliesAsync(string botId, int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// Follows the bot live (<c>GET /api/bots/{bot_id}/events</c>): its lifecycle changes, signals, trades and replies as
    /// they happen, until <paramref name="cancellationToken"/> ends it. A dropped connection is reopened with
    /// <c>Last-Event-ID</c>, so no kept event is missed or repeated; when the platform no longer keeps some, an event of
    /// type <c>gap</c> says so (its <see cref="BotEventView.Reason"/> explains) before the stream goes on.
    /// </summary>
    /// <param name="botId">One of the user's bots.</param>
    /// <param name="afterSequence">Resume after this event (a <see cref="BotEventView.Sequence"/> seen before); null starts with the next event.</param>
    /// <param name="cancellationToken">Stops following.</param>
    IAsyncEnumerable<BotEventView> WatchAsync(string botId, long? afterSequence = null, CancellationToken cancellationToken = default);
}
