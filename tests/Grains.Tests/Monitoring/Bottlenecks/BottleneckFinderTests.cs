using Microsoft.Extensions.Options;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Bottlenecks;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Alerts;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;
using static OrleansBots.Tests.Monitoring.Alerts.Batches;

namespace OrleansBots.Tests.Monitoring.Bottlenecks;

public sealed class BottleneckFinderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly BottleneckFinder _finder = new(Options.Create(new AlertOptions()));
    private int _interval;

    [Fact]
    public void AnOperationOverTwiceItsRunningMeanIsReported()
    {
        Baseline("exchange_request", 0.1);

        Batch(Durations("exchange_request", 0.25, 10), Durations("bot_tick", 0.01, 10));

        var slow = Assert.Single(_finder.Report.Operations);
        Assert.Equal(("exchange_request", 0.25, 0.1, 2.5, 10L), (slow.Operation, slow.RecentMeanSeconds, Math.Round(slow.RunningMeanSeconds, 6), slow.Ratio, slow.RecentCalls));
    }

    [Fact]
    public void AnOperationUnderTwiceItsRunningMeanIsNot()
    {
        Baseline("exchange_request", 0.1);

        Batch(Durations("exchange_request", 0.19, 10));

        Assert.Empty(_finder.Report.Operations);
    }

    [Fact]
    public void NothingIsJudgedBeforeTheBaselineHasEnoughIntervals()
    {
        for (var i = 0; i < BottleneckFinder.MinBaselineIntervals - 1; i++)
        {
            Batch(Durations("trade", 0.1, 10));
        }

        Batch(Durations("trade", 5, 10));

        Assert.Empty(_finder.Report.Operations);
    }

    [Fact]
    public void AFewSlowCallsAreNotABottleneck()
    {
        Baseline("trade", 0.1);

        Batch(Durations("trade", 5, BottleneckFinder.MinRecentCalls - 1));

        Assert.Empty(_finder.Report.Operations);
    }

    [Fact]
    public void TheRunningMeanFollowsASlowerNormal()
    {
        Baseline("trade", 0.1);
        for (var i = 0; i < 40; i++)
        {
            Batch(Durations("trade", 0.3, 10));
        }

        Batch(Durations("trade", 0.35, 10));

        Assert.Empty(_finder.Report.Operations);
    }

    [Fact]
    public void ResourcesAtOrOverTheirAlertThresholdsAreReported()
    {
        Batch(Gauge("cpu_usage_percent", 92, """{"scope":"machine"}"""), Gauge("memory_usage_percent", 50), Gauge("disk_usage_percent", 95));

        var report = _finder.Report;
        Assert.Equal([("cpu", 92.0, 90.0), ("disk", 95.0, 95.0)], report.Resources.Select(r => (r.Resource, r.Value, r.Threshold)));
        Assert.Equal(SiloName, report.Silo);
    }

    private void Baseline(string operation, double seconds)
    {
        for (var i = 0; i < BottleneckFinder.MinBaselineIntervals; i++)
        {
            Batch(Durations(operation, seconds, 10));
        }
    }

    private void Batch(params MetricAggregate[] aggregates) => _finder.OnBatch(Of(Start + TimeSpan.FromSeconds(10 * ++_interval), aggregates));
}
