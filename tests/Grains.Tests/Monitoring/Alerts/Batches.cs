using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Alerts;

/// <summary>Metric batches as a silo's aggregator would publish them, built by hand for the rules under test.</summary>
public static class Batches
{
    public const string SiloName = "silo-a";

    public static MetricBatch Of(DateTimeOffset at, params MetricAggregate[] aggregates) => new(SiloName, at - TimeSpan.FromSeconds(10), at, aggregates);

    public static MetricAggregate Gauge(string name, double value, string labels = "{}") =>
        new(default, SiloName, name, labels, MetricKind.Gauge, value, 1, value, value, null);

    public static MetricAggregate Counter(string name, double increase, string labels = "{}") =>
        new(default, SiloName, name, labels, MetricKind.Counter, increase, (long)increase, 0, 0, null);

    public static MetricAggregate Calls(string operation, string status, double count) =>
        Counter("operation_count", count, $$"""{"operation":"{{operation}}","status":"{{status}}"}""");

    /// <summary><paramref name="count"/> observations of <paramref name="seconds"/> each.</summary>
    public static MetricAggregate Durations(string operation, double seconds, long count) =>
        new(default, SiloName, "operation_execution_time", $$"""{"operation":"{{operation}}"}""", MetricKind.Histogram, seconds * count, count, seconds, seconds,
            new long[HistogramBounds.Seconds.Length + 1]);
}
