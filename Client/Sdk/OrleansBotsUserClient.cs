using OrleansBots.Contracts;

namespace OrleansBots.Client;

/// <summary>The user's calls over HTTP, with the user's API key as the bearer token.</summary>
/// <param name="http">A client whose base address is the platform's, e.g. <c>http://localhost:5001/</c>.</param>
/// <param name="apiKey">The user's API key, as <c>POST /api/admin/users</c> answered it.</param>
public sealed class OrleansBotsUserClient(HttpClient http, string apiKey) : IOrleansBotsUserClient
{
    private readonly ApiConnection _api = new(http, apiKey);

    /// <inheritdoc/>
    public Task<BotView> CreateBotAsync(CreateBotRequest request, CancellationToken cancellationToken = default) =>
        _api.SendAsync<BotView>(HttpMethod.Post, "api/bots", request, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BotView>> ListBotsAsync(CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<BotListResponse>(HttpMethod.Get, "api/bots", null, cancellationToken)).Bots;

    /// <inheritdoc/>
    public Task<BotView> GetBotAsync(string botId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<BotView>(HttpMethod.Get, Bot(botId), null, cancellationToken);

    /// <inheritdoc/>
    public Task<BotView> StartBotAsync(string botId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<BotView>(HttpMethod.Post, Bot(botId, "/start"), null, cancellationToken);

    /// <inheritdoc/>
    public Task<BotView> StopBotAsync(string botId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<BotView>(HttpMethod.Post, Bot(botId, "/stop"), null, cancellationToken);

    /// <inheritdoc/>
    public Task DeleteBotAsync(string botId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<BotDeletedResponse>(HttpMethod.Delete, Bot(botId), null, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TradeView>> GetTradesAsync(string botId, int limit = 100, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<TradesResponse>(HttpMethod.Get, Bot(botId, $"/trades?limit={limit}"), null, cancellationToken)).Trades;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SignalView>> GetSignalsAsync(string botId, int limit = 100, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<SignalsResponse>(HttpMethod.Get, Bot(botId, $"/signals?limit={limit}"), null, cancellationToken)).Signals;

    /// <inheritdoc/>
    public async Task<ReplyView> SendMessageAsync(string botId, string text, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<ChatResponse>(HttpMethod.Post, Bot(botId, "/messages"), new ChatMessageRequest(text), cancellationToken)).Reply;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ReplyView>> GetRepliesAsync(string botId, int limit = 100, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<RepliesResponse>(HttpMethod.Get, Bot(botId, $"/replies?limit={limit}"), null, cancellationToken)).Replies;

    private static string Bot(string botId, string rest = "") => $"api/bots/{ApiConnection.Segment(botId)}{rest}";
}
