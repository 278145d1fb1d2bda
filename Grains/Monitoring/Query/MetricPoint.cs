namespace OrleansBots.Monitoring.Query;

/// <summary>
/// One step of a series. Counter: Value = increase in the step. Gauge: Value = mean, Min/Max of the step.
/// Histogram: Value = sum, Count = observations, P50/P95/P99 from the merged buckets.
/// </summary>
public sealed record MetricPoint(DateTimeOffset Timestamp, double Value, long Count, double Min, double Max, double? P50 = null, double? P95 = null, double? P99 = null);
