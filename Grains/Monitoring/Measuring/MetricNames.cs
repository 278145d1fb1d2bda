namespace OrleansBots.Monitoring.Measuring;

/// <summary>
/// The agreed names of the platform's metrics as they are aggregated and stored. Prometheus adds a unit
/// suffix from the instrument's unit (<c>s</c> → <c>_seconds</c>) and <c>_total</c> to counters.
/// </summary>
public static class MetricNames
{
    /// <summary>Every meter of the platform starts with this; the aggregator and /metrics listen to all of them.</summary>
    public const string MeterPrefix = "OrleansBots";

    public const string OperationExecutionTime = "operation_execution_time";
    public const string OperationCount = "operation_count";
    public const string BotsRunning = "bots_running";
    public const string CapacityPercent = "capacity_percent";
    public const string CacheHits = "cache_hits";
    public const string CacheMisses = "cache_misses";
    public const string CacheRelayedSets = "cache_relayed_sets";
    public const string CacheRelayBatches = "cache_relay_batches";
    public const string CacheHitRate = "cache_hit_rate";
    public const string RateLimitRejections = "rate_limit_rejections";
    public const string Trades = "trades";
    public const string BotTickLag = "bot_tick_lag";
    public const string ExchangeResponseTime = "exchange_response_time";
    public const string FeedItemsProcessed = "feed_items_processed";
    public const string GrainCallFailures = "grain_call_failures";
    public const string MetricsDropped = "metrics_dropped";

    // The silo's resources, observed by the ResourceMonitor (meter OrleansBots.Hardware).
    public const string CpuUsagePercent = "cpu_usage_percent";
    public const string MemoryUsageBytes = "memory_usage_bytes";
    public const string MemoryAvailableBytes = "memory_available_bytes";
    public const string MemoryUsagePercent = "memory_usage_percent";
    public const string GcHeapBytes = "gc_heap_bytes";
    public const string GcCollections = "gc_collections";
    public const string GcPauseTime = "gc_pause_time";
    public const string DiskFreeBytes = "disk_free_bytes";
    public const string DiskUsagePercent = "disk_usage_percent";
    public const string DiskIoBytes = "disk_io_bytes";
    public const string NetworkBytes = "network_bytes";

    /// <summary>Operations timed with <see cref="Measurements.Time"/> by the platform itself.</summary>
    public static class Operations
    {
        public const string BotTick = "bot_tick";
        public const string Trade = "trade";
        public const string ExchangeRequest = "exchange_request";
    }

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        [Trades] = "Trades decided by bots, by status (filled, refused by the daily quota, failed)",
        [BotTickLag] = "How late bot ticks started against their due time",
        [ExchangeResponseTime] = "Response time of requests to the exchange",
        [RateLimitRejections] = "Requests refused by a rate limit, by scope (egress, exchange, api)",
        [FeedItemsProcessed] = "Feed items processed (chat messages answered)",
        [GrainCallFailures] = "Grain calls that ended in an exception, by grain interface",
    };

    /// <summary>The HELP text of a platform metric, null for others.</summary>
    public static string? DescriptionOf(string name) => Descriptions.GetValueOrDefault(name);

    /// <summary>Whether <paramref name="name"/> is usable as a metric or label name everywhere (Prometheus, SQL, JSON).</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 100 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
