namespace OrleansBots.Monitoring.Measuring;

/// <summary>One series (name + labels) of one silo, pre-aggregated over one interval.</summary>
/// <param name="Timestamp">End of the interval.</param>
/// <param name="Labels">Canonical JSON object: keys sorted ordinally, string values, <c>{}</c> when none.</param>
/// <param name="Value">Counter: increase during the interval. Gauge: last value. Histogram: sum of the observations.</param>
/// <param name="Count">Counter and gauge: measurements taken. Histogram: observations.</param>
/// <param name="BucketCounts">Histogram only: counts per <see cref="HistogramBounds.Seconds"/> bucket, then the open bucket.</param>
[GenerateSerializer, Immutable, Alias("OrleansBots.Metrics.MetricAggregate")]
public sealed record MetricAggregate(
    [property: Id(0)] DateTimeOffset Timestamp,
    [property: Id(1)] string Silo,
    [property: Id(2)] string Name,
    [property: Id(3)] string Labels,
    [property: Id(4)] MetricKind Kind,
    [property: Id(5)] double Value,
    [property: Id(6)] long Count,
    [property: Id(7)] double Min,
    [property: Id(8)] double Max,
    [property: Id(9)] long[]? BucketCounts);
