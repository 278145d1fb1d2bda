using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;
using static OrleansBots.Tests.Monitoring.Alerts.Batches;

namespace OrleansBots.Tests.Monitoring.Alerts;

public sealed class AlertWatchTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingAlertSink _sink = new();
    private readonly AlertOptions _options = new();
    private readonly AlertWatch _watch;

    public AlertWatchTests()
    {
        var dispatcher = new AlertDispatcher([], [_sink], new RecentAlerts(), NullLogger<AlertDispatcher>.Instance);
        _watch = new AlertWatch(Options.Create(_options), dispatcher, _time, NullLogger<AlertWatch>.Instance);
    }

    [Fact]
    public void CpuOverItsThresholdAlertsOncePerCooldown()
    {
        Batch(Gauge("cpu_usage_percent", 50, """{"scope":"machine"}"""));
        Batch(Gauge("cpu_usage_percent", 95, """{"scope":"machine"}"""), Gauge("cpu_usage_percent", 40, """{"scope":"process"}"""));
        Batch(Gauge("cpu_usage_percent", 97, """{"scope":"machine"}"""));

        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal(("cpu", SiloName, SiloName, AlertSeverity.Warning, 95.0, 90.0), (alert.Rule, alert.Silo, alert.Scope, alert.Severity, alert.Value, alert.Threshold));
        Assert.Contains("CPU at 95%", alert.Message);

        _time.Advance(_options.CooldownPeriod);
        Batch(Gauge("cpu_usage_percent", 96, """{"scope":"machine"}"""));
        Assert.Equal(2, _sink.Alerts.Count);
    }

    [Fact]
    public void MemoryAndDiskHaveTheirOwnThresholds()
    {
        Batch(Gauge("memory_usage_percent", 84.9), Gauge("disk_usage_percent", 95));

        Assert.Equal(["disk"], _sink.Alerts.Select(a => a.Rule));
    }

    [Fact]
    public void OneFailedCallOfOneDoesNotAlert()
    {
        Batch(Calls("trade", "failure", 1));

        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void TheErrorRateIsJudgedOnceAnOperationHasEnoughCalls()
    {
        Batch(Calls("trade", "failure", 1), Calls("trade", "success", 4));
        Batch(Calls("trade", "failure", 1), Calls("trade", "success", 4));
        Assert.Empty(_sink.Alerts);

        Batch(Calls("trade", "failure", 1), Calls("trade", "success", 9), Calls("bot_tick", "success", 100));

        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal(("error_rate", "trade", 15.0, 10.0), (alert.Rule, alert.Scope, alert.Value, alert.Threshold));
    }

    [Fact]
    public void AnErrorRateUnderTheThresholdDoesNotAlert()
    {
        Batch(Calls("trade", "failure", 1), Calls("trade", "success", 99));

        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void SamplesThatNeverReachTheMinimumWithinTheWindowAreDropped()
    {
        Batch(Calls("trade", "failure", 10));
        _time.Advance(_options.SampleWindow + TimeSpan.FromSeconds(10));
        Batch(_time.GetUtcNow(), Calls("trade", "success", 19));

        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void ASlowOperationAlertsOnItsMeanResponseTime()
    {
        Batch(Durations("exchange_request", 6, 10), Durations("bot_tick", 0.01, 50));
        Batch(Durations("exchange_request", 5, 10));

        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal(("response_time", "exchange_request", 5.5, 5.0), (alert.Rule, alert.Scope, alert.Value, alert.Threshold));
    }

    [Fact]
    public void ALowCacheHitRateAlerts()
    {
        Batch(Counter("cache_hits", 20), Counter("cache_misses", 40));

        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal("cache_hit_rate", alert.Rule);
        Assert.Equal(33.3333, alert.Value, 3);
    }

    [Fact]
    public void ALowTradeSuccessRateAlerts()
    {
        Batch(Counter("trades", 3, """{"status":"filled"}"""), Counter("trades", 7, """{"status":"failed"}"""));

        var alert = Assert.Single(_sink.Alerts);
        Assert.Equal(("trade_success_rate", 30.0, 50.0), (alert.Rule, alert.Value, alert.Threshold));
    }

    [Fact]
    public void TradesTheQuotaRefusedAreNotFailures()
    {
        Batch(Counter("trades", 10, """{"status":"filled"}"""), Counter("trades", 40, """{"status":"refused"}"""));

        Assert.Empty(_sink.Alerts);
    }

    [Fact]
    public void ABatchWithoutTheNamesFiresNothing()
    {
        Batch(Counter("feed_items_processed", 500), Gauge("bots_running", 12));

        Assert.Empty(_sink.Alerts);
    }

    private void Batch(params MetricAggregate[] aggregates) => Batch(_time.GetUtcNow(), aggregates);

    private void Batch(DateTimeOffset at, params MetricAggregate[] aggregates) => _watch.OnBatch(Of(at, aggregates));
}
