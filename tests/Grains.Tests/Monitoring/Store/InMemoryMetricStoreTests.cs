using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Tests.Monitoring.Store;

public sealed class InMemoryMetricStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AnswersSeriesAndRecentAlertsWithoutPostgres()
    {
        var store = new InMemoryMetricStore(Options.Create(new MetricsOptions()), _time);
        var now = _time.GetUtcNow();
        await store.WriteAsync(
            [Aggregates.Counter(now, "a", "trades", 3, "{\"status\":\"success\"}"), Aggregates.Counter(now, "a", "trades", 1, "{\"status\":\"failure\"}")],
            [new AlertRecord(now, "a", "cpu", "a", AlertSeverity.Warning, 95, 90, "CPU 95 % over 90 %")],
            CancellationToken.None);

        var query = new MetricQuery("trades", now.AddMinutes(-1), now.AddMinutes(1), TimeSpan.FromMinutes(1), Labels: new Dictionary<string, string> { ["status"] = "success" });
        var series = Assert.Single(await store.SeriesAsync(query, CancellationToken.None));
        var alert = Assert.Single(await store.RecentAlertsAsync(10, CancellationToken.None));

        Assert.Equal(3, Assert.Single(series.Points).Value);
        Assert.Equal("cpu", alert.Rule);
    }

    [Fact]
    public async Task KeepsAtMostTheConfiguredRowsAndAge()
    {
        var store = new InMemoryMetricStore(Options.Create(new MetricsOptions { MemoryHistoryMaxRows = 5, MemoryHistory = TimeSpan.FromHours(1) }), _time);
        var start = _time.GetUtcNow();
        await store.WriteAsync([.. Enumerable.Range(0, 8).Select(i => Aggregates.Counter(start.AddSeconds(i), "a", "c", i))], [], CancellationToken.None);
        var byCount = store.Count;

        _time.Advance(TimeSpan.FromHours(2));
        await store.WriteAsync([Aggregates.Counter(_time.GetUtcNow(), "a", "c", 1)], [], CancellationToken.None);

        Assert.Equal(5, byCount);
        Assert.Equal(1, store.Count);
    }
}
