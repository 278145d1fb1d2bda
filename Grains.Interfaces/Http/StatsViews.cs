namespace OrleansBots.Http;

public sealed record AlertView(DateTimeOffset At, int ThresholdPercent, int CurrentBots, int MaxBots, string Message);

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
