using OrleansBots.Contracts;

namespace OrleansBots.Client;

/// <summary>
/// A user's calls (their API key): create, start, stop and delete bots, read their trades and signals, talk to
/// chat bots. A user only ever sees their own bots. Refusals throw <see cref="OrleansBotsApiException"/>.
/// </summary>
public interface IOrleansBotsUserClient
{
    /// <summary>Creates a bot (not started); 429 when the user's bot actions are limited.</summary>
    Task<BotView> CreateBotAsync(CreateBotRequest request, CancellationToken cancellationToken = default);

    /// <summary>The user's bots.</summary>
    Task<IReadOnlyList<BotView>> ListBotsAsync(CancellationToken cancellationToken = default);

    /// <summary>One of the user's bots; 404 for a bot that is not theirs.</summary>
    Task<BotView> GetBotAsync(string botId, CancellationToken cancellationToken = default);

    /// <summary>Starts a bot; 503 with a retry hint when the platform is full, 429 when the user's own limit is reached.</summary>
    Task<BotView> StartBotAsync(string botId, CancellationToken cancellationToken = default);

    /// <summary>Stops a bot and frees its slot.</summary>
    Task<BotView> StopBotAsync(string botId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a bot (stopping it first).</summary>
    Task DeleteBotAsync(string botId, CancellationToken cancellationToken = default);

    /// <summary>The bot's latest trades, newest first (1 to 1000).</summary>
    Task<IReadOnlyList<TradeView>> GetTradesAsync(string botId, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The bot's latest signals, newest first (1 to 1000).</summary>
    Task<IReadOnlyList<SignalView>> GetSignalsAsync(string botId, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Asks a running chat bot; 409 for a trading bot or a stopped one, 429 over the signals-per-minute limit.</summary>
    Task<ReplyView> SendMessageAsync(string botId, string text, CancellationToken cancellationToken = default);

    /// <summary>The chat bot's latest replies, newest first (1 to 1000).</summary>
    Task<IReadOnlyList<ReplyView>> GetRepliesAsync(string botId, int limit = 100, CancellationToken cancellationToken = default);
}
