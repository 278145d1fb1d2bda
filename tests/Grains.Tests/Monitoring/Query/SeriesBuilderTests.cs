using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Tests.Monitoring.Query;

public sealed class SeriesBuilderTests
{
    private static readonly DateTimeOffset From = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CounterIncreasesAddUpPerStepStartingAtFrom()
    {
        var query = new MetricQuery("trades", From, From.AddMinutes(3), TimeSpan.FromMinutes(1), Silo: "a");
        var rows = new[]
        {
            Aggregates.Counter(From.AddSeconds(10), "a", "trades", 2),
            Aggregates.Counter(From.AddSeconds(50), "a", "trades", 3),
            Aggregates.Counter(From.AddSeconds(130), "a", "trades", 7),
        };

        var series = Assert.Single(SeriesBuilder.Build(query, rows));

        Assert.Equal("a", series.Silo);
        Assert.Equal([From, From.AddMinutes(2)], series.Points.Select(p => p.Timestamp));
        Assert.Equal([5.0, 7.0], series.Points.Select(p => p.Value));
    }

    [Fact]
    public void WithoutASiloSilosAreAddedUpAndPercentagesAveraged()
    {
        var at = From.AddSeconds(10);
        var rows = new[]
        {
            Aggregates.Gauge(at, "a", "bots_running", 10), Aggregates.Gauge(at, "b", "bots_running", 5),
            Aggregates.Gauge(at, "a", "cpu_usage_percent", 40), Aggregates.Gauge(at, "b", "cpu_usage_percent", 60),
        };

        var bots = Assert.Single(SeriesBuilder.Build(new MetricQuery("bots_running", From, From.AddMinutes(1), TimeSpan.FromMinutes(1)), rows.Where(r => r.Name == "bots_running")));
        var cpu = Assert.Single(SeriesBuilder.Build(new MetricQuery("cpu_usage_percent", From, From.AddMinutes(1), TimeSpan.FromMinutes(1)), rows.Where(r => r.Name == "cpu_usage_percent")));

        Assert.Null(bots.Silo);
        Assert.Equal(15, bots.Points[0].Value);
        Assert.Equal(50, cpu.Points[0].Value);
        Assert.Equal(40, cpu.Points[0].Min);
        Assert.Equal(60, cpu.Points[0].Max);
    }

    [Fact]
    public void HistogramPercentilesComeFromTheMergedBucketsOfEverySilo()
    {
        var fast = Enumerable.Repeat(0.003, 90).ToArray();
        var slow = Enumerable.Repeat(2.0, 10).ToArray();
        var rows = new[]
        {
            Aggregates.Histogram(From.AddSeconds(10), "a", "operation_execution_time", "{\"operation\":\"bot_tick\"}", fast),
            Aggregates.Histogram(From.AddSeconds(20), "b", "operation_execution_time", "{\"operation\":\"bot_tick\"}", slow),
        };
        var query = new MetricQuery("operation_execution_time", From, From.AddMinutes(1), TimeSpan.FromMinutes(1));

        var point = Assert.Single(Assert.Single(SeriesBuilder.Build(query, rows)).Points);

        Assert.Equal(100, point.Count);
        Assert.Equal((90 * 0.003) + (10 * 2.0), point.Value, 6);
        Assert.InRange(point.P50!.Value, 0.0025, 0.005);
        Assert.InRange(point.P95!.Value, 1, 2.0);
        Assert.InRange(point.P99!.Value, 1, 2.0);
    }

    [Fact]
    public void APercentileInTheOpenBucketIsCappedByTheLargestObservation()
    {
        var buckets = new long[HistogramBounds.Seconds.Length + 1];
        buckets[^1] = 4;

        Assert.Equal(45, HistogramPercentiles.Estimate(buckets, 0.99, 31, 45)!.Value, 0);
        Assert.Null(HistogramPercentiles.Estimate(new long[buckets.Length], 0.5, 0, 0));
    }
}
