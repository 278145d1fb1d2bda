using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Measuring;

/// <summary>Builds aggregates for the tests.</summary>
public static class Aggregates
{
    public static MetricAggregate Counter(DateTimeOffset at, string silo, string name, double increase, string labels = "{}") =>
        new(at, silo, name, labels, MetricKind.Counter, increase, 1, increase, increase, null);

    public static MetricAggregate Gauge(DateTimeOffset at, string silo, string name, double value, string labels = "{}") =>
        new(at, silo, name, labels, MetricKind.Gauge, value, 1, value, value, null);

    /// <summary>A histogram of the given observations (seconds) over the shared bounds.</summary>
    public static MetricAggregate Histogram(DateTimeOffset at, string silo, string name, string labels, params double[] observations)
    {
        var buckets = new long[HistogramBounds.Seconds.Length + 1];
        foreach (var seconds in observations)
        {
            var index = Array.FindIndex(HistogramBounds.Seconds, bound => seconds <= bound);
            buckets[index < 0 ? HistogramBounds.Seconds.Length : index]++;
        }

        return new MetricAggregate(at, silo, name, labels, MetricKind.Histogram, observations.Sum(), observations.Length, observations.Min(), observations.Max(), buckets);
    }

    public static MetricBatch Batch(DateTimeOffset at, string silo, int series, string name = "test_counter") =>
        new(silo, at.AddSeconds(-1), at, Enumerable.Range(0, series).Select(i => Counter(at, silo, name, i, $"{{\"series\":\"{i}\"}}")).ToList());
}
