namespace OrleansBots.Contracts;

/// <summary>
/// One alert. Capacity alerts (rule <c>capacity</c>) keep the seed's <c>threshold_percent</c>, <c>current_bots</c>
/// and <c>max_bots</c>; other rules leave them null.
/// </summary>
public sealed record AlertView(
    DateTimeOffset At,
    string Rule,
    string Scope,
    string Silo,
    string Severity,
    double Value,
    double Threshold,
    string Message,
    int? ThresholdPercent = null,
    int? CurrentBots = null,
    int? MaxBots = null);

/// <summary>The distributed cache, all shards added up.</summary>
public sealed record CacheStatsView(long Entries, long Bytes, long MaxBytes, long BudgetBytes, int SheddingShards, long Hits, long Misses, double HitRate, long Evictions, long Expirations);

/// <summary>The egress budget toward one exchange endpoint.</summary>
public sealed record RateLimitView(
    string Scope,
    string State,
    int Used,
    int Limit,
    int Budget,
    long Grants,
    long Rejections,
    long Throttles,
    long Bans,
    long Failures,
    DateTimeOffset? BlockedUntil);

public sealed record StatsResponse(
    bool Success,
    CapacityView Capacity,
    LimitsView Limits,
    int Users,
    int UsersWithRunningBots,
    IReadOnlyDictionary<string, int> Bots,
    int TradesToday,
    long ZombieLeasesFreed,
    string CapacityHost,
    IReadOnlyList<SiloStatsView> Silos,
    IReadOnlyList<AlertView> Alerts,
    CacheStatsView Cache,
    IReadOnlyList<RateLimitView> RateLimits);
