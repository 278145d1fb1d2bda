using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Measuring;

public sealed class MeasurementsTests : IDisposable
{
    private const string TickSuccess = """{"operation":"bot_tick","status":"success"}""";
    private const string TickFailure = """{"operation":"bot_tick","status":"failure"}""";
    private const string Tick = """{"operation":"bot_tick"}""";

    private readonly MeasurementRig _rig = new();

    private Measurements Measurements => _rig.Measurements;

    [Fact]
    public async Task TimedOperationsAddUpTheirDurationsAndCountEachOutcome()
    {
        using (Measurements.Time("bot_tick"))
        {
            _rig.Time.Advance(TimeSpan.FromMilliseconds(20));
        }

        using (var timing = Measurements.Time("bot_tick"))
        {
            _rig.Time.Advance(TimeSpan.FromMilliseconds(30));
            timing.Fail();
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => Measurements.TrackAsync("bot_tick", async () =>
        {
            await Task.Yield();
            _rig.Time.Advance(TimeSpan.FromMilliseconds(50));
            throw new InvalidOperationException("boom");
        }));
        var answer = await Measurements.TrackAsync("bot_tick", () =>
        {
            _rig.Time.Advance(TimeSpan.FromSeconds(3));
            return Task.FromResult(42);
        });

        var batch = _rig.Collect();

        Assert.Equal(42, answer);
        var durations = batch.Find(MetricNames.OperationExecutionTime, Tick)!;
        Assert.Equal(MetricKind.Histogram, durations.Kind);
        Assert.Equal(4, durations.Count);
        Assert.Equal(3.1, durations.Value, 9);
        Assert.Equal((0.02, 3.0), (durations.Min, durations.Max), new ToleranceComparer());
        Assert.Equal((MetricKind.Counter, 2.0, 2L), Shape(batch.Find(MetricNames.OperationCount, TickSuccess)!));
        Assert.Equal((MetricKind.Counter, 2.0, 2L), Shape(batch.Find(MetricNames.OperationCount, TickFailure)!));
    }

    [Fact]
    public void DurationsLandInTheFirstBucketWhoseBoundTheyDoNotExceed()
    {
        foreach (var seconds in new[] { 0.0001, 0.0005, 0.0006, 0.03, 0.03, 29.9, 31 })
        {
            Measurements.RecordOperation("trade", TimeSpan.FromSeconds(seconds), succeeded: true);
        }

        var buckets = _rig.Collect().Find(MetricNames.OperationExecutionTime, """{"operation":"trade"}""")!.BucketCounts!;

        Assert.Equal(HistogramBounds.Seconds.Length + 1, buckets.Length);
        var expected = new long[buckets.Length];
        expected[0] = 2;                                      // ≤ 0.0005 (the bound itself included)
        expected[1] = 1;                                      // ≤ 0.001
        expected[Array.IndexOf(HistogramBounds.Seconds, 0.05)] = 2;
        expected[Array.IndexOf(HistogramBounds.Seconds, 30)] = 1;
        expected[^1] = 1;                                     // over the last bound: the open bucket
        Assert.Equal(expected, buckets);
    }

    [Fact]
    public void CustomValuesWithoutUnitKeepSumCountMinMaxButNoBuckets()
    {
        Measurements.TrackMetric("arbitrage_profit", 0.125, new KeyValuePair<string, object?>("pair", "BTC/ETH"));
        Measurements.TrackMetric("arbitrage_profit", -0.025, new KeyValuePair<string, object?>("pair", "BTC/ETH"));

        var profit = _rig.Collect().Find("arbitrage_profit", """{"pair":"BTC/ETH"}""")!;

        Assert.Equal((MetricKind.Histogram, 0.1, 2L), Shape(profit));
        Assert.Equal((-0.025, 0.125), (profit.Min, profit.Max));
        Assert.Null(profit.BucketCounts);
    }

    [Fact]
    public void LabelsAreOneCanonicalSeriesWhateverTheirOrderAndType()
    {
        Measurements.Count("trades", 1, new("status", "filled"), new("attempt", 2));
        Measurements.Count("trades", 2, new("attempt", "2"), new("status", "filled"));
        Measurements.Count("trades", 4);

        var batch = _rig.Collect();

        Assert.Equal(3.0, batch.Find("trades", """{"attempt":"2","status":"filled"}""")!.Value);
        Assert.Equal(4.0, batch.Find("trades")!.Value);
        Assert.Equal(2, batch.Aggregates.Count(a => a.Name == "trades"));
    }

    [Fact]
    public void ADrainResetsCountersAndHistogramsButGaugesKeepTheirLastValue()
    {
        Measurements.Count("feed_items_processed", 5);
        Measurements.RecordOperation("trade", TimeSpan.FromMilliseconds(5), succeeded: true);
        Measurements.SetGauge("queue_length", 1);
        Measurements.SetGauge("queue_length", 7);
        Measurements.SetGauge("queue_length", 3);

        var first = _rig.Collect();
        _rig.Time.Advance(TimeSpan.FromSeconds(10));
        var second = _rig.Collect();

        Assert.Equal(5.0, first.Find("feed_items_processed")!.Value);
        Assert.Null(second.Find("feed_items_processed"));
        Assert.Null(second.Find(MetricNames.OperationExecutionTime, """{"operation":"trade"}"""));
        var gauge = first.Find("queue_length")!;
        Assert.Equal((MetricKind.Gauge, 3.0, 3L, 1.0, 7.0), (gauge.Kind, gauge.Value, gauge.Count, gauge.Min, gauge.Max));
        var kept = second.Find("queue_length")!;
        Assert.Equal((3.0, 0L, 3.0, 3.0), (kept.Value, kept.Count, kept.Min, kept.Max));
    }

    [Fact]
    public void ABatchNamesTheSiloAndTheIntervalItCovers()
    {
        var first = _rig.Collect();
        _rig.Time.Advance(TimeSpan.FromSeconds(10));
        Measurements.Count("feed_items_processed");
        var second = _rig.Collect();

        Assert.Equal(Environment.MachineName, second.Silo);
        Assert.Equal((MeasurementRig.Start, MeasurementRig.Start.AddSeconds(10)), (second.From, second.To));
        Assert.Equal(first.To, second.From);
        Assert.All(second.Aggregates, a => Assert.Equal((second.Silo, second.To), (a.Silo, a.Timestamp)));
    }

    [Fact]
    public void NamesThatPrometheusCouldNotCarryAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Measurements.Count("trades per day"));
        Assert.Throws<ArgumentException>(() => Measurements.SetGauge("9lives", 1));
    }

    private static (MetricKind, double, long) Shape(MetricAggregate aggregate) => (aggregate.Kind, Math.Round(aggregate.Value, 9), aggregate.Count);

    public void Dispose() => _rig.Dispose();

    private sealed class ToleranceComparer : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) < 1e-9 && Math.Abs(x.Item2 - y.Item2) < 1e-9;

        public int GetHashCode((double, double) obj) => 0;
    }
}
