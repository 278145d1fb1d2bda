using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Monitoring.Query;

/// <summary>
/// Turns stored aggregates into series, the same way for every store. Steps start at the query's From
/// (From, From + step, ...; a step as long as the range gives one point) and an aggregate counts in the step
/// its interval ends in; steps without data are left out. With a silo in the query each (silo, labels) is a series; without one, silos are added
/// up per labels: counters and histograms add, gauges add their per-silo means except percentages and rates
/// (names ending in <c>_percent</c>, <c>_rate</c>), which are averaged.
/// </summary>
public static class SeriesBuilder
{
    public static IReadOnlyList<MetricSeries> Build(MetricQuery query, IEnumerable<MetricAggregate> aggregates)
    {
        var stepTicks = Math.Max(query.Step.Ticks, TimeSpan.TicksPerMillisecond);
        var bySilo = query.Silo is not null;
        return aggregates
            .GroupBy(a => (Silo: bySilo ? a.Silo : null, a.Labels))
            .OrderBy(g => g.Key.Silo, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Labels, StringComparer.Ordinal)
            .Select(series =>
            {
                var kind = series.First().Kind;
                var points = series
                    .GroupBy(a => StepStart(query.From, a.Timestamp, stepTicks))
                    .OrderBy(step => step.Key)
                    .Select(step => Point(query.Name, kind, step.Key, step.ToList()))
                    .ToList();
                return new MetricSeries(query.Name, series.Key.Silo, series.Key.Labels, kind, points);
            })
            .ToList();
    }

    /// <summary>One step of one series; its aggregates may come from several silos.</summary>
    public static MetricPoint Point(string name, MetricKind kind, DateTimeOffset timestamp, IReadOnlyList<MetricAggregate> aggregates)
    {
        var count = aggregates.Sum(a => a.Count);
        var min = aggregates.Min(a => a.Min);
        var max = aggregates.Max(a => a.Max);
        switch (kind)
        {
            case MetricKind.Histogram:
                var buckets = new long[HistogramBounds.Seconds.Length + 1];
                foreach (var aggregate in aggregates.Where(a => a.BucketCounts is not null))
                {
                    for (var i = 0; i < Math.Min(buckets.Length, aggregate.BucketCounts!.Length); i++)
                    {
                        buckets[i] += aggregate.BucketCounts[i];
                    }
                }

                return new MetricPoint(
                    timestamp,
                    aggregates.Sum(a => a.Value),
                    count,
                    min,
                    max,
                    HistogramPercentiles.Estimate(buckets, 0.50, min, max),
                    HistogramPercentiles.Estimate(buckets, 0.95, min, max),
                    HistogramPercentiles.Estimate(buckets, 0.99, min, max));
            case MetricKind.Gauge:
                var means = aggregates.GroupBy(a => a.Silo).Select(silo => silo.Average(a => a.Value)).ToList();
                var averaged = name.EndsWith("_percent", StringComparison.Ordinal) || name.EndsWith("_rate", StringComparison.Ordinal);
                return new MetricPoint(timestamp, averaged ? means.Average() : means.Sum(), count, min, max);
            default:
                return new MetricPoint(timestamp, aggregates.Sum(a => a.Value), count, aggregates.Min(a => a.Value), aggregates.Max(a => a.Value));
        }
    }

    public static DateTimeOffset StepStart(DateTimeOffset from, DateTimeOffset timestamp, long stepTicks)
    {
        var ticks = timestamp.UtcTicks - from.UtcTicks;
        return from.ToUniversalTime().AddTicks(ticks - (((ticks % stepTicks) + stepTicks) % stepTicks));
    }
}
