using System.Diagnostics.Metrics;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Measuring;

public sealed class MetricAggregatorTests : IDisposable
{
    private readonly MeasurementRig _rig = new();

    [Fact]
    public void ObservableCountersReportTheirIncreaseAndObservableGaugesTheirValue()
    {
        using var meter = _rig.MeterFactory.Create("OrleansBots.Hardware");
        var total = 10L;
        meter.CreateObservableCounter("disk_io_bytes", () => new Measurement<long>(total, new KeyValuePair<string, object?>("operation", "read")), "By");
        meter.CreateObservableGauge("memory_usage_bytes", () => 2_000_000L, "By");

        var first = _rig.Collect();
        total = 25;
        var second = _rig.Collect();

        Assert.Equal(10.0, first.Find("disk_io_bytes", """{"operation":"read"}""")!.Value);
        Assert.Equal((MetricKind.Counter, 15.0), (second.Find("disk_io_bytes", """{"operation":"read"}""")!.Kind, second.Find("disk_io_bytes", """{"operation":"read"}""")!.Value));
        Assert.Equal((MetricKind.Gauge, 2_000_000.0), (second.Find("memory_usage_bytes")!.Kind, second.Find("memory_usage_bytes")!.Value));
    }

    [Fact]
    public void UpDownCountersAreGaugesOfTheirRunningTotal()
    {
        using var meter = _rig.MeterFactory.Create("OrleansBots.Test");
        var inFlight = meter.CreateUpDownCounter<int>("requests_in_flight");
        inFlight.Add(3);
        inFlight.Add(-1);

        var first = _rig.Collect();
        var second = _rig.Collect();

        Assert.Equal((MetricKind.Gauge, 2.0, 2.0, 3.0), (first.Find("requests_in_flight")!.Kind, first.Find("requests_in_flight")!.Value, first.Find("requests_in_flight")!.Min, first.Find("requests_in_flight")!.Max));
        Assert.Equal(2.0, second.Find("requests_in_flight")!.Value);
    }

    [Fact]
    public void MetersOfOtherNamesOrOfAnotherContainerAreNotAggregated()
    {
        using var foreign = new Meter("Microsoft.Orleans.Test");
        foreign.CreateCounter<long>("foreign_calls").Add(1);
        using var otherSilo = new MeasurementRig();
        otherSilo.Measurements.Count("trades", 7);
        _rig.Measurements.Count("trades", 1);

        var batch = _rig.Collect();

        Assert.Null(batch.Find("foreign_calls"));
        Assert.Equal(1.0, batch.Find("trades")!.Value);
    }

    [Fact]
    public void SeriesPastTheBoundAreDroppedAndCounted()
    {
        for (var i = 0; i < InstrumentSeries.MaxSeries + 5; i++)
        {
            _rig.Measurements.Count("orders", 1, new KeyValuePair<string, object?>("order_id", i));
        }

        var batch = _rig.Collect();

        Assert.Equal(InstrumentSeries.MaxSeries, batch.Aggregates.Count(a => a.Name == "orders"));
        Assert.Equal(5.0, batch.Find(MetricNames.MetricsDropped, """{"reason":"series_limit"}""")!.Value);
    }

    [Fact]
    public void MeasurementsRecordedWhileBatchesAreDrainedAreCountedExactlyOnce()
    {
        var batches = new System.Collections.Concurrent.ConcurrentBag<MetricBatch>();
        Parallel.For(0, 8, worker =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                _rig.Measurements.Count("ticks", 1, new KeyValuePair<string, object?>("worker", worker % 2));
                if (i % 1000 == 0)
                {
                    batches.Add(_rig.Collect());
                }
            }
        });
        batches.Add(_rig.Collect());

        Assert.Equal(80_000.0, batches.SelectMany(b => b.Aggregates).Where(a => a.Name == "ticks").Sum(a => a.Value));
    }

    public void Dispose() => _rig.Dispose();
}
