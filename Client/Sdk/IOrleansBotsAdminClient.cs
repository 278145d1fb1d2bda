using OrleansBots.Contracts;

namespace OrleansBots.Client;

/// <summary>
/// What an operator may do (the admin token): users and their limits, platform limits, capacity, stats and health,
/// alerts, the distributed cache, stored metrics, bottlenecks and charts, and the platform's live events. Refusals throw
/// <see cref="OrleansBotsApiException"/> or one of its typed subclasses (<see cref="NotFoundException"/>,
/// <see cref="RequestValidationException"/>, ...).
/// </summary>
public interface IOrleansBotsAdminClient
{
    /// <summary>Creates a user; the answer is the only one that ever shows the user's API key. 409 when the id is taken.</summary>
    Task<CreatedUserResponse> CreateUserAsync(CreateUserRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every user id (every page).</summary>
    Task<IReadOnlyList<string>> ListUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>The user ids, fetched page by page (<paramref name="pageSize"/> 1 to 1000) as they are enumerated.</summary>
    IAsyncEnumerable<string> EnumerateUsersAsync(int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>One user: limits, bots, trades today, running bots; <see cref="NotFoundException"/> for an unknown id.</summary>
    Task<UserView> GetUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Changes one user's own limits while running; null in the request sends a limit back to the platform default.</summary>
    Task<UserView> ChangeUserLimitsAsync(string userId, UserLimitsRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues the user a new API key; the old one is refused from now on, on every silo. The answer is the only one that
    /// shows the new key. <see cref="NotFoundException"/> for an unknown id.
    /// </summary>
    Task<ApiKeyResponse> RotateApiKeyAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Revokes the user's API key: no key of theirs works until <see cref="RotateApiKeyAsync"/> issues a new one.</summary>
    Task<UserView> RevokeApiKeyAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Disables the user: their key is refused (403) and their bots are stopped.</summary>
    Task<UserView> DisableUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Enables a disabled user again (their bots stay stopped until they start them).</summary>
    Task<UserView> EnableUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the user and every bot they own; the answer lists the bots deleted.</summary>
    Task<UserDeletedResponse> DeleteUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The latest entries of the audit trail of admin actions, newest first (<paramref name="limit"/> 1 to 1000).</summary>
    Task<IReadOnlyList<AuditEntryView>> GetAuditAsync(int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The audit trail, newest first, fetched page by page (<paramref name="pageSize"/> 1 to 1000) as it is enumerated.</summary>
    IAsyncEnumerable<AuditEntryView> EnumerateAuditAsync(int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>The platform's limits (<c>MAX_CONCURRENT_BOTS</c>, ...) and the capacity under them.</summary>
    Task<LimitsResponse> GetLimitsAsync(CancellationToken cancellationToken = default);

    /// <summary>The most recent alerts (capacity and every other rule), newest first, as <c>/api/admin/stats</c> shows them.</summary>
    Task<IReadOnlyList<AlertView>> GetAlertsAsync(CancellationToken cancellationToken = default);

    /// <summary>The admin page's charts and where to download each.</summary>
    Task<IReadOnlyList<ChartView>> ListChartsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Follows the platform live (<c>GET /api/admin/events</c>): the current capacity first, then each capacity change
    /// (at most a few per second) and each alert, until <paramref name="cancellationToken"/> ends it; a dropped
    /// connection is reopened (the first event after it is the capacity at that time).
    /// </summary>
    IAsyncEnumerable<PlatformEventView> WatchPlatformAsync(CancellationToken cancellationToken = default);

    /// <summary>Running bots against <c>MAX_CONCURRENT_BOTS</c>, with the status level (LOW, HEALTHY, WARNING, FULL).</summary>
    Task<CapacityResponse> GetCapacityAsync(CancellationToken cancellationToken = default);

    /// <summary>Capacity, users, bots by state, trades today, cache and rate limits, silos with their hardware, recent alerts.</summary>
    Task<StatsResponse> GetStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes the platform's limits while it runs; absent fields keep their value.</summary>
    Task<LimitsResponse> ChangeLimitsAsync(LimitsRequest request, CancellationToken cancellationToken = default);

    /// <summary>The platform's health; throws with status 503 when it cannot serve.</summary>
    Task<HealthResponse> GetHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>One metric's series; defaults: the last hour in 1-minute steps, silos added up.</summary>
    Task<MetricSeriesResponse> GetMetricSeriesAsync(
        string name, DateTimeOffset? from = null, DateTimeOffset? to = null, TimeSpan? step = null, string? silo = null, CancellationToken cancellationToken = default);

    /// <summary>Current gauges, p50/p95/p99 per operation and the slowest operations over <paramref name="window"/> (default 5 minutes).</summary>
    Task<MetricsReportResponse> GetMetricsReportAsync(TimeSpan? window = null, string? silo = null, CancellationToken cancellationToken = default);

    /// <summary>The export file's text: <c>csv</c> (header row) or <c>json</c>; without a name, every metric of the window.</summary>
    Task<string> ExportMetricsAsync(
        string format = "csv", string? name = null, DateTimeOffset? from = null, DateTimeOffset? to = null, TimeSpan? step = null, string? silo = null,
        CancellationToken cancellationToken = default);

    /// <summary>Every silo's slow operations and resources over their thresholds.</summary>
    Task<BottleneckResponse> GetBottlenecksAsync(CancellationToken cancellationToken = default);

    /// <summary>An admin page chart as a file: <paramref name="format"/> <c>png</c> or <c>svg</c>, over the last <paramref name="minutes"/>.</summary>
    Task<byte[]> GetChartAsync(string chart, string format = "png", int minutes = 60, CancellationToken cancellationToken = default);

    /// <summary>A cache entry's value, or null when it is missing or expired.</summary>
    Task<string?> CacheGetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>A cache entry's value, or <paramref name="defaultValue"/> when it is missing or expired.</summary>
    Task<string> CacheGetAsync(string key, string defaultValue, CancellationToken cancellationToken = default);

    /// <summary>Stores a value for <paramref name="ttl"/> (the platform's default TTL when null).</summary>
    Task CacheSetAsync(string key, string value, TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>Removes an entry; true when the key was there.</summary>
    Task<bool> CacheDeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry, or those whose key starts with <paramref name="prefix"/>; returns how many.</summary>
    Task<int> CacheClearAsync(string? prefix = null, CancellationToken cancellationToken = default);

    /// <summary>The cache added up over all shards, and each shard.</summary>
    Task<CacheStatsResponse> CacheStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The cached value, or on a miss the factory's value, stored for <paramref name="ttl"/>. Concurrent calls for one
    /// key through this client instance share one lookup and one factory call; other clients are not coordinated
    /// (they find the value once it is stored).
    /// </summary>
    Task<string> CacheGetOrAddAsync(string key, Func<string, Task<string>> factory, TimeSpan? ttl = null);
}
