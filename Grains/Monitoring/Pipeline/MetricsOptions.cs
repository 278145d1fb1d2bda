namespace OrleansBots.Monitoring.Pipeline;

/// <summary>
/// The metrics pipeline: publishing interval, the writer's buffers, retention. Bound from the <c>Metrics</c>
/// configuration section (e.g. <c>Metrics__IntervalSeconds=10</c>).
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>How often each silo collects its aggregates and publishes them.</summary>
    public int IntervalSeconds { get; set; } = 10;

    /// <summary>While the silo is over its CPU target, it publishes only every this many intervals (nothing is lost: aggregates keep accumulating).</summary>
    public int OverloadIntervalFactor { get; set; } = 3;

    /// <summary>Rows (aggregates and alerts) older than this many days are deleted from PostgreSQL.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the retention sweep runs.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows one DELETE removes at most, so a sweep never holds long locks.</summary>
    public int RetentionBatchSize { get; set; } = 10_000;

    /// <summary>How often the writer sends what it buffered to the store.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows one write (one binary COPY) carries at most.</summary>
    public int WriteBatchSize { get; set; } = 5_000;

    /// <summary>Rows the writer keeps in memory while the store is unreachable; beyond it, it spills to disk.</summary>
    public int MaxBufferedRows { get; set; } = 100_000;

    /// <summary>Where spilled rows wait for the store (NDJSON files); defaults to <c>DATA_DIR/metrics-spool</c>.</summary>
    public string SpoolDirectory { get; set; } = Path.Combine("data", "metrics-spool");

    /// <summary>Bytes the spool may take on disk; rows beyond it are dropped, counted (<c>metrics_dropped</c>) and logged.</summary>
    public long MaxSpoolBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Without PostgreSQL: how far back the in-memory history reaches.</summary>
    public TimeSpan MemoryHistory { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Without PostgreSQL: aggregates the in-memory history keeps at most (the oldest go first).</summary>
    public int MemoryHistoryMaxRows { get; set; } = 200_000;

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);
}
