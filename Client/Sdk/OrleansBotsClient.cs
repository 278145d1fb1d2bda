using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansBots.Contracts;

namespace OrleansBots.Client;

/// <summary>
/// Typed access to the OrleansBots HTTP API. Give it the admin token for the admin calls, or a user's API key
/// for the bot calls. Refusals throw <see cref="OrleansBotsApiException"/>.
/// </summary>
public sealed class OrleansBotsClient(HttpClient http, string token)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> _loading = new(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public Task<CreatedUserResponse> CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CreatedUserResponse>(HttpMethod.Post, "api/admin/users", request, cancellationToken);

    public Task<CapacityResponse> GetCapacityAsync(CancellationToken cancellationToken = default) =>
        SendAsync<CapacityResponse>(HttpMethod.Get, "api/admin/capacity", null, cancellationToken);

    public Task<StatsResponse> GetStatsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<StatsResponse>(HttpMethod.Get, "api/admin/stats", null, cancellationToken);

    public Task<LimitsResponse> ChangeLimitsAsync(LimitsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<LimitsResponse>(HttpMethod.Put, "api/admin/limits", request, cancellationToken);

    public Task<HealthResponse> GetHealthAsync(CancellationToken cancellationToken = default) =>
        SendAsync<HealthResponse>(HttpMethod.Get, "api/admin/health", null, cancellationToken);

    public Task<BotView> CreateBotAsync(CreateBotRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<BotView>(HttpMethod.Post, "api/bots", request, cancellationToken);

    public async Task<IReadOnlyList<BotView>> ListBotsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<BotListResponse>(HttpMethod.Get, "api/bots", null, cancellationToken)).Bots;

    public Task<BotView> GetBotAsync(string botId, CancellationToken cancellationToken = default) =>
        SendAsync<BotView>(HttpMethod.Get, $"api/bots/{Uri.EscapeDataString(botId)}", null, cancellationToken);

    public Task<BotView> StartBotAsync(string botId, CancellationToken cancellationToken = default) =>
        SendAsync<BotView>(HttpMethod.Post, $"api/bots/{Uri.EscapeDataString(botId)}/start", null, cancellationToken);

    public Task<BotView> StopBotAsync(string botId, CancellationToken cancellationToken = default) =>
        SendAsync<BotView>(HttpMethod.Post, $"api/bots/{Uri.EscapeDataString(botId)}/stop", null, cancellationToken);

    public Task DeleteBotAsync(string botId, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Delete, $"api/bots/{Uri.EscapeDataString(botId)}", null, cancellationToken);

    public async Task<IReadOnlyList<TradeView>> GetTradesAsync(string botId, int limit = 100, CancellationToken cancellationToken = default) =>
        (await SendAsync<TradesResponse>(HttpMethod.Get, $"api/bots/{Uri.EscapeDataString(botId)}/trades?limit={limit}", null, cancellationToken)).Trades;

    public async Task<IReadOnlyList<SignalView>> GetSignalsAsync(string botId, int limit = 100, CancellationToken cancellationToken = default) =>
        (await SendAsync<SignalsResponse>(HttpMethod.Get, $"api/bots/{Uri.EscapeDataString(botId)}/signals?limit={limit}", null, cancellationToken)).Signals;

    public async Task<ReplyView> SendMessageAsync(string botId, string text, CancellationToken cancellationToken = default) =>
        (await SendAsync<ChatResponse>(HttpMethod.Post, $"api/bots/{Uri.EscapeDataString(botId)}/messages", new ChatMessageRequest(text), cancellationToken)).Reply;

    public async Task<IReadOnlyList<ReplyView>> GetRepliesAsync(string botId, int limit = 100, CancellationToken cancellationToken = default) =>
        (await SendAsync<RepliesResponse>(HttpMethod.Get, $"api/bots/{Uri.EscapeDataString(botId)}/replies?limit={limit}", null, cancellationToken)).Replies;

    /// <summary>One metric's series (admin token); defaults: the last hour in 1-minute steps, silos added up.</summary>
    public Task<MetricSeriesResponse> GetMetricSeriesAsync(
        string name, DateTimeOffset? from = null, DateTimeOffset? to = null, TimeSpan? step = null, string? silo = null, CancellationToken cancellationToken = default) =>
        SendAsync<MetricSeriesResponse>(HttpMethod.Get, "api/admin/metrics" + MetricQuery(name, from, to, step, silo), null, cancellationToken);

    /// <summary>Current gauges, p50/p95/p99 per operation and the slowest operations over <paramref name="window"/> (default 5 minutes).</summary>
    public Task<MetricsReportResponse> GetMetricsReportAsync(TimeSpan? window = null, string? silo = null, CancellationToken cancellationToken = default) =>
        SendAsync<MetricsReportResponse>(HttpMethod.Get, "api/admin/metrics/report" + Query(("window", window is { } w ? Seconds(w) : null), ("silo", silo)), null, cancellationToken);

    /// <summary>The export file's text: <c>csv</c> (header row) or <c>json</c>; without a name, every metric of the window.</summary>
    public async Task<string> ExportMetricsAsync(
        string format = "csv", string? name = null, DateTimeOffset? from = null, DateTimeOffset? to = null, TimeSpan? step = null, string? silo = null,
        CancellationToken cancellationToken = default)
    {
        var query = Query(("format", format), ("name", name), ("from", Time(from)), ("to", Time(to)), ("step", step is { } s ? Seconds(s) : null), ("silo", silo));
        using var response = await SendForContentAsync(HttpMethod.Get, "api/admin/metrics/export" + query, null, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Every silo's slow operations and resources over their thresholds (admin token).</summary>
    public Task<BottleneckResponse> GetBottlenecksAsync(CancellationToken cancellationToken = default) =>
        SendAsync<BottleneckResponse>(HttpMethod.Get, "api/admin/bottlenecks", null, cancellationToken);

    /// <summary>An admin page chart as a file: <paramref name="format"/> <c>png</c> or <c>svg</c>, over the last <paramref name="minutes"/>.</summary>
    public async Task<byte[]> GetChartAsync(string chart, string format = "png", int minutes = 60, CancellationToken cancellationToken = default)
    {
        using var response = await SendForContentAsync(HttpMethod.Get, $"api/admin/charts/{Uri.EscapeDataString(chart)}.{Uri.EscapeDataString(format)}?minutes={minutes}", null, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>A cache entry's value, or null when it is missing or expired (admin token).</summary>
    public async Task<string?> CacheGetAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await SendAsync<CacheEntryResponse>(HttpMethod.Get, CacheEntry(key), null, cancellationToken)).Value;
        }
        catch (OrleansBotsApiException missing) when (missing.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>A cache entry's value, or <paramref name="defaultValue"/> when it is missing or expired.</summary>
    public async Task<string> CacheGetAsync(string key, string defaultValue, CancellationToken cancellationToken = default) =>
        await CacheGetAsync(key, cancellationToken) ?? defaultValue;

    /// <summary>Stores a value for <paramref name="ttl"/> (the platform's default TTL when null).</summary>
    public Task CacheSetAsync(string key, string value, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        SendAsync<CacheChangeResponse>(HttpMethod.Put, CacheEntry(key), new CacheSetRequest(value, ttl?.TotalSeconds), cancellationToken);

    /// <summary>True when the key was there.</summary>
    public async Task<bool> CacheDeleteAsync(string key, CancellationToken cancellationToken = default) =>
        (await SendAsync<CacheChangeResponse>(HttpMethod.Delete, CacheEntry(key), null, cancellationToken)).Changed;

    /// <summary>Removes every entry, or those whose key starts with <paramref name="prefix"/>; returns how many.</summary>
    public async Task<int> CacheClearAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        (await SendAsync<CacheClearResponse>(HttpMethod.Delete, prefix is null ? "api/admin/cache" : $"api/admin/cache?prefix={Uri.EscapeDataString(prefix)}", null, cancellationToken)).Removed;

    public Task<CacheStatsResponse> CacheStatsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<CacheStatsResponse>(HttpMethod.Get, "api/admin/cache/stats", null, cancellationToken);

    /// <summary>
    /// The cached value, or on a miss the factory's value, stored for <paramref name="ttl"/>. Concurrent calls
    /// for one key through this client share one lookup and one factory call.
    /// </summary>
    public Task<string> CacheGetOrAddAsync(string key, Func<string, Task<string>> factory, TimeSpan? ttl = null)
    {
        var loading = _loading.GetOrAdd(key, k => new Lazy<Task<string>>(() => LoadAsync(k, factory, ttl)));
        return loading.Value;
    }

    private async Task<string> LoadAsync(string key, Func<string, Task<string>> factory, TimeSpan? ttl)
    {
        try
        {
            if (await CacheGetAsync(key) is { } cached)
            {
                return cached;
            }

            var value = await factory(key);
            await CacheSetAsync(key, value, ttl);
            return value;
        }
        finally
        {
            _loading.TryRemove(key, out _);
        }
    }

    private static string CacheEntry(string key) => $"api/admin/cache/entries/{Uri.EscapeDataString(key)}";

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendForContentAsync(method, path, body, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    /// <summary>The successful response (the caller disposes it); a refusal throws <see cref="OrleansBotsApiException"/>.</summary>
    private async Task<HttpResponseMessage> SendForContentAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var error = await ReadErrorAsync(response, cancellationToken);
            throw new OrleansBotsApiException(response.StatusCode, error?.Error ?? response.ReasonPhrase ?? "request failed", error?.Limit, RetryAfterOf(response));
        }
    }

    private static string MetricQuery(string name, DateTimeOffset? from, DateTimeOffset? to, TimeSpan? step, string? silo) =>
        Query(("name", name), ("from", Time(from)), ("to", Time(to)), ("step", step is { } s ? Seconds(s) : null), ("silo", silo));

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? string.Empty : "?" + string.Join('&', given);
    }

    private static string? Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => $"{(long)Math.Ceiling(span.TotalSeconds)}s";

    private static async Task<ErrorResponse?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ErrorResponse>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter?.Delta;
}
