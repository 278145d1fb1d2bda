using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansBots.Hardware;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Tests.Monitoring.Pipeline;

/// <summary>The whole pipeline in one in-process silo without PostgreSQL: source → stream → writer grain → in-memory history.</summary>
public sealed class MetricsPublisherTests : IAsyncLifetime
{
    private const int OverloadFactor = 4;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ScriptedBatchSource _source = new("publisher-test");
    private readonly ScriptedSiloLoad _load = new();
    private readonly List<MetricBatch> _observed = [];
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMetricsPipeline(postgres: null);
            silo.Services.Configure<MetricsOptions>(o =>
            {
                o.IntervalSeconds = (int)Interval.TotalSeconds;
                o.OverloadIntervalFactor = OverloadFactor;
                o.FlushInterval = TimeSpan.FromMilliseconds(200);
                o.SpoolDirectory = Path.Combine(Path.GetTempPath(), $"orleansbots-spool-{Guid.NewGuid():N}");
            });
            silo.Services.AddSingleton<IMetricBatchSource>(_source);
            silo.Services.AddSingleton<ISiloLoad>(_load);
            silo.Services.AddSingleton<IMetricBatchObserver>(new Observer(_observed));
            silo.Services.AddSingleton<IMetricBatchObserver>(new Observer(null));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task AggregatesAndAlertsReachTheHistoryThroughTheStream()
    {
        var services = _cluster.Silos[0].ServiceProvider;
        var history = services.GetRequiredService<IMetricHistory>();
        var now = DateTimeOffset.UtcNow;
        _source.Record(Aggregates.Histogram(now, _source.Silo, "operation_execution_time", "{\"operation\":\"bot_tick\"}", 0.002, 0.004, 0.2));
        services.GetRequiredService<IAlertJournal>().Append(new AlertRecord(now, _source.Silo, "cpu", _source.Silo, AlertSeverity.Warning, 91, 90, "CPU over 90 %"));

        var series = await Eventually.Get(
            () => history.SeriesAsync(new MetricQuery("operation_execution_time", now.AddMinutes(-1), now.AddMinutes(1), TimeSpan.FromMinutes(2)), CancellationToken.None),
            found => found.Count == 1,
            TimeSpan.FromSeconds(10),
            "the histogram in the history");
        var alerts = await Eventually.Get(() => history.RecentAlertsAsync(10, CancellationToken.None), found => found.Count == 1, TimeSpan.FromSeconds(10), "the alert in the history");

        Assert.Equal(3, Assert.Single(series[0].Points).Count);
        Assert.Equal("cpu", alerts[0].Rule);
        lock (_observed)
        {
            Assert.Contains(_observed, batch => batch.Aggregates.Any(a => a.Name == "operation_execution_time"));
        }
    }

    [Fact]
    public async Task OverTheCpuTargetItPublishesOnlyEveryOverloadFactorIntervalsAndLosesNothing()
    {
        var store = _cluster.Silos[0].ServiceProvider.GetRequiredService<InMemoryMetricStore>();
        _source.SeriesPerCollect = 1;
        var calm = await GapsBetweenBatchesAsync(_source.Collects, gaps: 4);

        // A batch decided just before the switch may still come at the normal pace; every later one must wait.
        _load.OverCpuTarget = true;
        var busy = await GapsBetweenBatchesAsync(_source.Collects, gaps: 2);
        _load.OverCpuTarget = false;
        _source.SeriesPerCollect = 0;
        await Eventually.Get(() => Task.FromResult(store.Count), count => count == _source.Produced, TimeSpan.FromSeconds(10), "every produced aggregate stored");

        var median = calm.Order().ElementAt(calm.Count / 2);
        Assert.True(median < 2 * Interval, $"at normal pace a batch every {median.TotalSeconds:0.00} s (median of {string.Join(", ", calm)})");
        Assert.All(busy, gap => Assert.InRange(gap, OverloadFactor * Interval, 2 * OverloadFactor * Interval));
    }

    /// <summary>The time between each published batch and the next, from the batch numbered <paramref name="from"/> on.</summary>
    private async Task<IReadOnlyList<TimeSpan>> GapsBetweenBatchesAsync(int from, int gaps)
    {
        var at = await Eventually.Get(
            () => Task.FromResult(_source.CollectedAt),
            times => times.Count > from + gaps,
            (gaps + 2) * 2 * OverloadFactor * Interval,
            $"{gaps + 1} batches published from batch {from} on");
        return Enumerable.Range(from, gaps).Select(i => at[i + 1] - at[i]).ToList();
    }

    private sealed class Observer(List<MetricBatch>? seen) : IMetricBatchObserver
    {
        public void OnBatch(MetricBatch batch)
        {
            if (seen is null)
            {
                throw new InvalidOperationException("an observer that fails must not stop the pipeline");
            }

            lock (seen)
            {
                seen.Add(batch);
            }
        }
    }
}
