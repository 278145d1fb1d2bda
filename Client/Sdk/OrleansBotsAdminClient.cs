using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OrleansBots.Contracts;

namespace OrleansBots.Client;

/// <summary>The operator's calls over HTTP, with the admin token as the bearer token.</summary>
/// <param name="http">A client whose base address is the platform's, e.g. <c>http://localhost:5001/</c>.</param>
/// <param name="adminToken">The platform's <c>ADMIN_TOKEN</c>.</param>
public sealed class OrleansBotsAdminClient(HttpClient http, string adminToken) : IOrleansBotsAdminClient
{
    private readonly ApiConnection _api = new(http, adminToken);
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _loading = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task<CreatedUserResponse> CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken = default) =>
        _api.SendAsync<CreatedUserResponse>(HttpMethod.Post, "api/admin/users", request, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        await EnumerateUsersAsync(1000, cancellationToken).ToListAsync(cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<string> EnumerateUsersAsync(int pageSize = 100, CancellationToken cancellationToken = default) =>
        _api.EnumerateAsync<string>("api/admin/users", "users", pageSize, cancellationToken);

    /// <inheritdoc/>
    public async Task<UserView> GetUserAsync(string userId, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<UserResponse>(HttpMethod.Get, User(userId), null, cancellationToken)).User;

    /// <inheritdoc/>
    public async Task<UserView> ChangeUserLimitsAsync(string userId, UserLimitsRequest request, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<UserResponse>(HttpMethod.Put, User(userId, "/limits"), request, cancellationToken)).User;

    /// <inheritdoc/>
    public Task<ApiKeyResponse> RotateApiKeyAsync(string userId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ApiKeyResponse>(HttpMethod.Post, User(userId, "/api-key"), null, cancellationToken);

    /// <inheritdoc/>
    public async Task<UserView> RevokeApiKeyAsync(string userId, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<UserResponse>(HttpMethod.Delete, User(userId, "/api-key"), null, cancellationToken)).User;

    /// <inheritdoc/>
    public async Task<UserView> DisableUserAsync(string userId, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<UserResponse>(HttpMethod.Post, User(userId, "/disable"), null, cancellationToken)).User;

    /// <inheritdoc/>
    public async Task<UserView> EnableUserAsync(string userId, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<UserResponse>(HttpMethod.Post, User(userId, "/enable"), null, cancellationToken)).User;

    /// <inheritdoc/>
    public Task<UserDeletedResponse> DeleteUserAsync(string userId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<UserDeletedResponse>(HttpMethod.Delete, User(userId), null, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AuditEntryView>> GetAuditAsync(int limit = 100, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<AuditResponse>(HttpMethod.Get, $"api/admin/audit?limit={limit}", null, cancellationToken)).Entries;

    /// <inheritdoc/>
    public IAsyncEnumerable<AuditEntryView> EnumerateAuditAsync(int pageSize = 100, CancellationToken cancellationToken = default) =>
        _api.EnumerateAsync<AuditEntryView>("api/admin/audit", "entries", pageSize, cancellationToken);

    /// <inheritdoc/>
    public Task<LimitsResponse> GetLimitsAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<LimitsResponse>(HttpMethod.Get, "api/admin/limits", null, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AlertView>> GetAlertsAsync(CancellationToken cancellationToken = default) =>
        (await GetStatsAsync(cancellationToken)).Alerts;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ChartView>> ListChartsAsync(CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<ChartListResponse>(HttpMethod.Get, "api/admin/charts", null, cancellationToken)).Charts;

    /// <inheritdoc/>
    public async IAsyncEnumerable<PlatformEventView> WatchPlatformAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in new ResumableEventStream(_api, "api/admin/events").ReadAsync(null, cancellationToken))
        {
            yield return JsonSerializer.Deserialize<PlatformEventView>(item.Data, ApiConnection.Json)!;
        }
    }

    /// <inheritdoc/>
    public Task<CapacityResponse> GetCapacityAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<CapacityResponse>(HttpMethod.Get, "api/admin/capacity", null, cancellationToken);

    /// <inheritdoc/>
    public Task<StatsResponse> GetStatsAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<StatsResponse>(HttpMethod.Get, "api/admin/stats", null, cancellationToken);

    /// <inheritdoc/>
    public Task<LimitsResponse> ChangeLimitsAsync(LimitsRequest request, CancellationToken cancellationToken = default) =>
        _api.SendAsync<LimitsResponse>(HttpMethod.Put, "api/admin/limits", request, cancellationToken);

    /// <inheritdoc/>
    public Task<HealthResponse> GetHealthAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<HealthResponse>(HttpMethod.Get, "api/admin/health", null, cancellationToken);

    /// <inheritdoc/>
    public Task<MetricSeriesResponse> GetMetricSeriesAsync(
        string name, DateTimeOffset? from = null, DateTimeOffset? to = null, TimeSpan? step = null, string? silo = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<MetricSeriesResponse>(
            HttpMethod.Get,
            "api/admin/metrics" + Query(("name", name), ("from", Time(from)), ("to", Time(to)), ("step", Seconds(step)), ("silo", silo)),
            null,
            cancellationToken);

    /// <inheritdoc/>
    public Task<MetricsReportResponse> GetMetricsReportAsync(TimeSpan? window = null, string? silo = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<MetricsReportResponse>(HttpMethod.Get, "api/admin/metrics/report" + Query(("window", Seconds(window)), ("silo", silo)), null, cancellationToken);

    /// <inheritdoc/>
    public async Task<string> ExportMetricsAsync(
        string format = "csv", string? name = null, DateTimeOffset? from = null, DateTimeOffset? to = null, TimeSpan? step = null, string? silo = null,
        CancellationToken cancellationToken = default)
    {
        var query = Query(("format", format), ("name", name), ("from", Time(from)), ("to", Time(to)), ("step", Seconds(step)), ("silo", silo));
        using var response = await _api.SendForContentAsync(HttpMethod.Get, "api/admin/metrics/export" + query, null, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public Task<BottleneckResponse> GetBottlenecksAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<BottleneckResponse>(HttpMethod.Get, "api/admin/bottlenecks", null, cancellationToken);

    /// <inheritdoc/>
    public async Task<byte[]> GetChartAsync(string chart, string format = "png", int minutes = 60, CancellationToken cancellationToken = default)
    {
        var path = $"api/admin/charts/{ApiConnection.Segment(chart)}.{ApiConnection.Segment(format)}?minutes={minutes}";
        using var response = await _api.SendForContentAsync(HttpMethod.Get, path, null, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<string?> CacheGetAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await _api.SendAsync<CacheEntryResponse>(HttpMethod.Get, CacheEntry(key), null, cancellationToken)).Value;
        }
        catch (OrleansBotsApiException missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async Task<string> CacheGetAsync(string key, string defaultValue, CancellationToken cancellationToken = default) =>
        await CacheGetAsync(key, cancellationToken) ?? defaultValue;

    /// <inheritdoc/>
    public Task CacheSetAsync(string key, string value, TimeSpan? ttl = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<CacheChangeResponse>(HttpMethod.Put, CacheEntry(key), new CacheSetRequest(value, ttl?.TotalSeconds), cancellationToken);

    /// <inheritdoc/>
    public async Task<bool> CacheDeleteAsync(string key, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<CacheChangeResponse>(HttpMethod.Delete, CacheEntry(key), null, cancellationToken)).Changed;

    /// <inheritdoc/>
    public async Task<int> CacheClearAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<CacheClearResponse>(HttpMethod.Delete, "api/admin/cache" + Query(("prefix", prefix)), null, cancellationToken)).Removed;

    /// <inheritdoc/>
    public Task<CacheStatsResponse> CacheStatsAsync(CancellationToken cancellationToken = default) =>
        _api.SendAsync<CacheStatsResponse>(HttpMethod.Get, "api/admin/cache/stats", null, cancellationToken);

    /// <inheritdoc/>
    public Task<string> CacheGetOrAddAsync(string key, Func<string, Task<string>> factory, TimeSpan? ttl = null) =>
        _loading.GetOrAdd(key, k => new Lazy<Task<string>>(() => LoadAsync(k, factory, ttl))).Value;

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

    private static string User(string userId, string rest = "") => $"api/admin/users/{ApiConnection.Segment(userId)}{rest}";

    private static string CacheEntry(string key) => $"api/admin/cache/entries/{ApiConnection.Segment(key)}";

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? string.Empty : "?" + string.Join('&', given);
    }

    private static string? Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static string? Seconds(TimeSpan? span) => span is { } s ? $"{(long)Math.Ceiling(s.TotalSeconds)}s" : null;
}
