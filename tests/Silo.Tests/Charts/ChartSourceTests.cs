using Microsoft.Extensions.Logging.Abstractions;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Silo.Charts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Charts;

public sealed class ChartSourceTests
{
    private static readonly DateTimeOffset To = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset From = To - TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TicksPerSecondAddUpTheStatusesOfEachSilo()
    {
        var history = new TestHistory(
            Series("operation_count", "silo-a", """{"operation":"bot_tick","status":"success"}""", MetricKind.Counter, (0, 40), (10, 50)),
            Series("operation_count", "silo-a", """{"operation":"bot_tick","status":"failure"}""", MetricKind.Counter, (0, 10), (10, 0)),
            Series("operation_count", "silo-b", """{"operation":"bot_tick","status":"success"}""", MetricKind.Counter, (0, 20)));

        var (lines, note) = await Source(history).LinesAsync(ChartCatalog.Find("ticks")!, From, To, Step, CancellationToken.None);

        var query = Assert.Single(history.Queries);
        Assert.Equal(("operation_count", From, To, Step, "bot_tick"), (query.Name, query.From, query.To, query.Step, query.Labels!["operation"]));
        Assert.Null(note);
        Assert.Equal(["silo-a", "silo-b"], lines.Select(l => l.Label));
        Assert.Equal([5.0, 5.0], lines[0].Values);
        Assert.Equal([2.0], lines[1].Values);
    }

    [Fact]
    public async Task CpuDrawsOneLinePerScopeAndTheP95ChartReadsMilliseconds()
    {
        var history = new TestHistory(
            Series("cpu_usage_percent", "silo-a", """{"scope":"machine"}""", MetricKind.Gauge, (0, 70)),
            Series("cpu_usage_percent", "silo-a", """{"scope":"process"}""", MetricKind.Gauge, (0, 30)),
            new MetricSeries("operation_execution_time", "silo-a", """{"operation":"bot_tick"}""", MetricKind.Histogram,
                [new MetricPoint(From, 1.5, 100, 0, 0, P50: 0.01, P95: 0.025, P99: 0.05)]));

        var (cpu, _) = await Source(history).LinesAsync(ChartCatalog.Find("cpu")!, From, To, Step, CancellationToken.None);
        var (p95, _) = await Source(history).LinesAsync(ChartCatalog.Find("tick_p95")!, From, To, Step, CancellationToken.None);

        Assert.Equal(["silo-a scope=machine", "silo-a scope=process"], cpu.Select(l => l.Label));
        Assert.Equal(25.0, Assert.Single(Assert.Single(p95).Values), 6);
    }

    [Fact]
    public async Task AFailingMetricHistoryGivesAnEmptyChartThatSaysSo()
    {
        var (lines, note) = await Source(new TestHistory { Fails = true }).LinesAsync(ChartCatalog.Find("memory")!, From, To, Step, CancellationToken.None);

        Assert.Empty(lines);
        Assert.Equal("Metric history unavailable", note);
    }

    [Fact]
    public void AlertsAreCountedPerStep()
    {
        var line = ChartCatalog.AlertCounts([From.AddSeconds(1), From.AddSeconds(9), From.AddSeconds(25), To.AddSeconds(1)], From, To, Step);

        Assert.Equal(60, line.Values.Count);
        Assert.Equal([2.0, 0, 1], line.Values.Take(3));
        Assert.Equal(3, line.Values.Sum());
    }

    [Fact]
    public async Task ChartsWithLinesRenderAsPngAndSvg()
    {
        var history = new TestHistory(
            Series("cpu_usage_percent", "silo-a", """{"scope":"machine"}""", MetricKind.Gauge, Enumerable.Range(0, 60).Select(i => (i * 10, 50.0 + (i % 7))).ToArray()));
        var chart = ChartCatalog.Find("cpu")!;
        var (lines, _) = await Source(history).LinesAsync(chart, From, To, Step, CancellationToken.None);

        ChartImages.AssertPng(ChartRenderer.Render(chart, lines, From, To, ChartFormat.Png));
        var svg = ChartImages.AssertSvg(ChartRenderer.Render(chart, lines, From, To, ChartFormat.Svg));
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "path");
    }

    private static ChartSource Source(IMetricHistory history) => new(history, NullLogger<ChartSource>.Instance);

    private static MetricSeries Series(string name, string silo, string labels, MetricKind kind, params (int Seconds, double Value)[] points) =>
        new(name, silo, labels, kind, points.Select(p => new MetricPoint(From.AddSeconds(p.Seconds), p.Value, 1, p.Value, p.Value)).ToList());

}
