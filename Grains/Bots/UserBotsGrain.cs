namespace OrleansBots.Bots;

/// <summary>
/// <see cref="IUserBotsGrain"/>, thin over <see cref="UserBots"/>: a stateless worker, so a user's calls run on the silo
/// that received them, in parallel; each first checks that the user exists and is enabled.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class UserBotsGrain(UserBots bots) : Grain, IUserBotsGrain
{
    private string UserId => this.GetPrimaryKeyString();

    public Task<BotRequestAnswer<BotInfo>> Create(BotDraft draft) => AsUserAsync(() => bots.CreateAsync(UserId, draft));

    public Task<BotRequestAnswer<BotListPage>> List(int limit, string? after) => AsUserAsync(() => bots.ListAsync(UserId, limit, after));

    public Task<BotRequestAnswer<BotInfo>> Get(string botId) => AsUserAsync(() => bots.GetAsync(UserId, botId));

    public Task<BotRequestAnswer<BotInfo>> Start(string botId) => AsUserAsync(() => bots.StartAsync(UserId, botId));

    public Task<BotRequestAnswer<BotInfo>> Stop(string botId) => AsUserAsync(() => bots.StopAsync(UserId, botId));

    public Task<BotRequestAnswer<BotInfo>> Delete(string botId) => AsUserAsync(() => bots.DeleteAsync(UserId, botId));

    public Task<BotRequestAnswer<HistoryPage<Trade>>> Trades(string botId, int limit, long? before) =>
        AsUserAsync(() => bots.TradesAsync(UserId, botId, limit, before));

    public Task<BotRequestAnswer<HistoryPage<Signal>>> Signals(string botId, int limit, long? before) =>
        AsUserAsync(() => bots.SignalsAsync(UserId, botId, limit, before));

    public Task<BotRequestAnswer<HistoryPage<ChatReply>>> Replies(string botId, int limit, long? before) =>
        AsUserAsync(() => bots.RepliesAsync(UserId, botId, limit, before));

    public Task<BotRequestAnswer<ChatReply>> Ask(string botId, string text) => AsUserAsync(() => bots.AskAsync(UserId, botId, text));

    private async Task<BotRequestAnswer<T>> AsUserAsync<T>(Func<Task<BotRequestAnswer<T>>> request) =>
        await bots.RefuseAccountAsync(UserId) is { } refusal ? refusal : await request();
}
