namespace OrleansBots.Bots;

/// <summary>
/// What one user (key: the user id) may do with their bots, decided once for every way in: the HTTP API runs the same
/// rules in-process, trusted services in the cluster call this grain (the cluster client). Checks, in order, what the
/// API checks: the request's fields, the bot's id and owner, the user's bot-action limits, then the bot itself. A
/// user that does not exist or is disabled is refused here (the HTTP API refuses them at their API key).
/// </summary>
[Alias("OrleansBots.IUserBotsGrain")]
public interface IUserBotsGrain : IGrainWithStringKey
{
    /// <summary>Creates a bot (not started) after checking the draft, the user's bot actions and owned-bots cap.</summary>
    [Alias("Create")]
    Task<BotRequestAnswer<BotInfo>> Create(BotDraft draft);

    /// <summary>Up to <paramref name="limit"/> (1 to 1000) of the user's bots in id order, after <paramref name="after"/>.</summary>
    [Alias("List"), ReadOnly]
    Task<BotRequestAnswer<BotListPage>> List(int limit, string? after);

    /// <summary>One of the user's bots.</summary>
    [Alias("Get"), ReadOnly]
    Task<BotRequestAnswer<BotInfo>> Get(string botId);

    /// <summary>Starts a bot: the user's bot actions, then capacity (platform full, the user's own limit).</summary>
    [Alias("Start")]
    Task<BotRequestAnswer<BotInfo>> Start(string botId);

    /// <summary>Stops a bot and frees its slot (a bot action).</summary>
    [Alias("Stop")]
    Task<BotRequestAnswer<BotInfo>> Stop(string botId);

    /// <summary>Deletes a bot (stopping it first); the answer is the bot as it was.</summary>
    [Alias("Delete")]
    Task<BotRequestAnswer<BotInfo>> Delete(string botId);

    /// <summary>Up to <paramref name="limit"/> (1 to 1000) trades, newest first, older than <paramref name="before"/> when given.</summary>
    [Alias("Trades"), ReadOnly]
    Task<BotRequestAnswer<HistoryPage<Trade>>> Trades(string botId, int limit, long? before);

    /// <summary>Up to <paramref name="limit"/> (1 to 1000) signals, newest first, older than <paramref name="before"/> when given.</summary>
    [Alias("Signals"), ReadOnly]
    Task<BotRequestAnswer<HistoryPage<Signal>>> Signals(string botId, int limit, long? before);

    /// <summary>Up to <paramref name="limit"/> (1 to 1000) chat replies, newest first, older than <paramref name="before"/> when given.</summary>
    [Alias("Replies"), ReadOnly]
    Task<BotRequestAnswer<HistoryPage<ChatReply>>> Replies(string botId, int limit, long? before);

    /// <summary>Asks a running chat bot of the user.</summary>
    [Alias("Ask")]
    Task<BotRequestAnswer<ChatReply>> Ask(string botId, string text);
}
