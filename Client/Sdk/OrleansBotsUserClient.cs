using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OrleansBots.Contracts;

namespace OrleansBots.Client;

/// <summary>The user's calls over HTTP, with the user's API key as the bearer token.</summary>
/// <param name="http">A client whose base address is the platform's, e.g. <c>http://localhost:5001/</c>.</param>
/// <param name="apiKey">The user's API key, as <c>POST /api/admin/users</c> answered it.</param>
public sealed class OrleansBotsUserClient(HttpClient http, string apiKey) : IOrleansBotsUserClient
{
    /// <summary>The SSE event type of a gap notice, passed on by <see cref="WatchAsync"/>.</summary>
    public const string GapType = "gap";

    private readonly ApiConnection _api = new(http, apiKey);

    /// <inheritdoc/>
    public Task<BotView> CreateBotAsync(CreateBotRequest request, CancellationToken cancellationToken = default) =>
        _api.SendAsync<BotView>(HttpMethod.Post, "api/bots", request, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BotView>> ListBotsAsync(CancellationToken cancellationToken = default) =>
        await EnumerateBotsAsync(1000, cancellationToken).ToListAsync(cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<BotView> EnumerateBotsAsync(int pageSize = 100, CancellationToken cancellationToken = default) =>
        _api.EnumerateAsync<BotView>("api/bots", "bots", pageSize, cancellationToken);

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
    public IAsyncEnumerable<TradeView> EnumerateTradesAsync(string botId, int pageSize = 100, CancellationToken cancellationToken = default) =>
        _api.EnumerateAsync<TradeView>(Bot(botId, "/trades"), "trades", pageSize, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SignalView>> GetSignalsAsync(string botId, int limit = 100, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<SignalsResponse>(HttpMethod.Get, Bot(botId, $"/signals?limit={limit}"), null, cancellationToken)).Signals;

    /// <inheritdoc/>
    public IAsyncEnumerable<SignalView> EnumerateSignalsAsync(string botId, int pageSize = 100, CancellationToken cancellationToken = default) =>
        _api.EnumerateAsync<SignalView>(Bot(botId, "/signals"), "signals", pageSize, cancellationToken);

    /// <inheritdoc/>
    public async Task<ReplyView> SendMessageAsync(string botId, string text, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<ChatResponse>(HttpMethod.Post, Bot(botId, "/messages"), new ChatMessageRequest(text), cancellationToken)).Reply;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ReplyView>> GetRepliesAsync(string botId, int limit = 100, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<RepliesResponse>(HttpMethod.Get, Bot(botId, $"/replies?limit={limit}"), null, cancellationToken)).Replies;

    /// <inheritdoc/>
    public IAsyncEnumerable<ReplyView> EnumerateRepliesAsync(string botId, int pageSize = 100, CancellationToken cancellationToken = default) =>
        _api.EnumerateAsync<ReplyView>(Bot(botId, "/replies"), "replies", pageSize, cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<BotEventView> WatchAsync(string botId, long? afterSequence = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stream = new ResumableEventStream(_api, Bot(botId, "/events"));
        await foreach (var item in stream.ReadAsync(afterSequence?.ToString(CultureInfo.InvariantCulture), cancellationToken))
        {
            if (item.EventType == GapType)
            {
                var gap = JsonSerializer.Deserialize<EventGapView>(item.Data, ApiConnection.Json)!;
                yield return new BotEventView(gap.LastEventId, botId, GapType, DateTimeOffset.UtcNow, Reason: gap.Message);
            }
            else
            {
                yield return JsonSerializer.Deserialize<BotEventView>(item.Data, ApiConnection.Json)!;
            }
        }
    }

    private static string Bot(string botId, string rest = "") => $"api/bots/{ApiConnection.Segment(botId)}{rest}";
}
