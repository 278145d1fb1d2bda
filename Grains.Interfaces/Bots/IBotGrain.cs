namespace OrleansBots.Bots;

/// <summary>One bot (key: its bot id): definition, lifecycle, timer while running, recent output.</summary>
[Alias("OrleansBots.IBotGrain")]
public interface IBotGrain : IGrainWithStringKey
{
    /// <summary>Creates the bot for <paramref name="userId"/>; fails if the id is taken.</summary>
    [Alias("Create")]
    Task<BotInfo> Create(string userId, BotDefinition definition);

    /// <summary>The bot, or null when it does not exist.</summary>
    [Alias("GetInfo"), ReadOnly]
    Task<BotInfo?> GetInfo();

    /// <summary>Asks capacity for a slot and starts ticking. Starting a running bot changes nothing.</summary>
    [Alias("Start")]
    Task<StartResult> Start();

    /// <summary>
    /// Starts the bot for <paramref name="userId"/> in one pass: a bot that is not theirs is not found; then their
    /// bot-action cooldown and hourly quota count the start; then, as <see cref="Start"/>, capacity.
    /// </summary>
    [Alias("StartAs")]
    Task<StartResult> StartAs(string userId);

    /// <summary>Stops ticking and frees the slot. Stopping a stopped bot changes nothing.</summary>
    [Alias("Stop")]
    Task<BotInfo?> Stop();

    /// <summary>Stops the bot and removes it for good.</summary>
    [Alias("Delete")]
    Task Delete();

    /// <summary>Up to <paramref name="limit"/> trades, most recent first; older than <paramref name="before"/> (a page's <see cref="HistoryPage{T}.Before"/>) when given.</summary>
    [Alias("GetTradesPage"), ReadOnly]
    Task<HistoryPage<Trade>> GetTrades(int limit, long? before = null);

    /// <summary>Up to <paramref name="limit"/> signals, most recent first; older than <paramref name="before"/> when given.</summary>
    [Alias("GetSignalsPage"), ReadOnly]
    Task<HistoryPage<Signal>> GetSignals(int limit, long? before = null);

    /// <summary>A chat bot answers a message from its owner while it runs.</summary>
    [Alias("Ask")]
    Task<ChatAnswer> Ask(string message);

    /// <summary>Up to <paramref name="limit"/> of a chat bot's replies, most recent first; older than <paramref name="before"/> when given.</summary>
    [Alias("GetRepliesPage"), ReadOnly]
    Task<HistoryPage<ChatReply>> GetReplies(int limit, long? before = null);

    /// <summary>
    /// Signals the bot's new-token strategy made (its silo's <c>INewTokenListenerGrain</c>): stored in the bot's history
    /// and published as its events. One-way: the silo's one consumer of the feed never waits for any one bot.
    /// </summary>
    [Alias("AddSignals"), OneWay]
    Task AddSignals(IReadOnlyList<Signal> signals);

    /// <summary>
    /// Replies a chat bot sent to its channel (its <c>IChatLinkGrain</c>): stored in the bot's history and published
    /// as its events. One-way: the link never waits for the bot, which waits for the link on renewals.
    /// </summary>
    [Alias("AddReplies"), OneWay]
    Task AddReplies(IReadOnlyList<ChatReply> replies);

    /// <summary>
    /// Wakes the bot after a restart or a silo crash: a bot whose saved state is running starts ticking
    /// again. Returns whether it runs.
    /// </summary>
    [Alias("Resume")]
    Task<bool> Resume();

    /// <summary>
    /// Renews the bot's lease by itself, as after a restart: its silo's renewal summary found no lease for it (freed
    /// while its renewals did not arrive). A running bot is admitted again within the limits, or fails with the reason.
    /// </summary>
    [Alias("RenewLease")]
    Task RenewLease();
}
