using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansBots.Capacity;
using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Tests.Capacity;

public sealed class CapacityAlertsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(5);
    private static readonly PlatformLimits Limits = PlatformLimits.Defaults with { MaxConcurrentBots = 10, AlertThreshold = 70 };

    private readonly FakeTimeProvider _time = new(Noon);
    private readonly CapacityAlerts _alerts;

    public CapacityAlertsTests() => _alerts = new CapacityAlerts(95, 100, Cooldown, _time, "silo-a", NullLogger.Instance);

    [Fact]
    public void EachLevelCrossedUpwardsRaisesOneAlertRatedByTheSeverityRule()
    {
        var first = _alerts.Observe(7, Limits);
        var rest = _alerts.Observe(10, Limits);

        var alert = Assert.Single(first);
        Assert.Equal((Noon, "silo-a", "capacity", "platform"), (alert.At, alert.Silo, alert.Rule, alert.Scope));
        Assert.Equal((AlertSeverity.Warning, 70.0, 70.0, 7, 10), (alert.Severity, alert.Value, alert.Threshold, alert.CurrentBots, alert.MaxBots));
        Assert.Equal("Capacity above 70%: 7/10 bots running (70.0%)", alert.Message);
        Assert.Equal([(95.0, AlertSeverity.Critical), (100.0, AlertSeverity.Critical)], rest.Select(a => (a.Threshold, a.Severity)));
        Assert.Equal([70.0, 95.0, 100.0], _alerts.Recent.Select(a => a.Threshold));
    }

    [Fact]
    public void ALevelCrossedAgainWithinTheCooldownIsOwedAndRaisedOnceTheCooldownHasPassedIfUsageIsStillOverIt()
    {
        _alerts.Observe(7, Limits);
        _alerts.Observe(6, Limits);
        var heldBack = _alerts.Observe(7, Limits);

        _time.Advance(Cooldown - TimeSpan.FromSeconds(1));
        var tooEarly = _alerts.RaiseOwed(7, Limits, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(1));
        var owed = _alerts.RaiseOwed(7, Limits, _time.GetUtcNow());
        var once = _alerts.RaiseOwed(7, Limits, _time.GetUtcNow());

        Assert.Empty(heldBack);
        Assert.Empty(tooEarly);
        var alert = Assert.Single(owed);
        Assert.Equal((70.0, Noon + Cooldown), (alert.Threshold, alert.At));
        Assert.Empty(once);
        Assert.Equal(2, _alerts.Recent.Count);
    }

    [Fact]
    public void AnOwedLevelThatUsageLeftBeforeTheCooldownEndedIsNotRaised()
    {
        _alerts.Observe(7, Limits);
        _alerts.Observe(6, Limits);
        _alerts.Observe(7, Limits);
        _alerts.Observe(6, Limits);

        _time.Advance(Cooldown * 2);

        Assert.Empty(_alerts.RaiseOwed(6, Limits, _time.GetUtcNow()));
        Assert.Single(_alerts.Recent);
    }

    [Fact]
    public void KeepsTheMostRecentHundredAlerts()
    {
        var noCooldown = new CapacityAlerts(95, 100, TimeSpan.Zero, _time, "silo-a", NullLogger.Instance);
        for (var i = 0; i < CapacityAlerts.Kept + 5; i++)
        {
            noCooldown.Observe(7, Limits);
            noCooldown.Observe(0, Limits);
        }

        Assert.Equal(CapacityAlerts.Kept, noCooldown.Recent.Count);
    }

    [Fact]
    public void ASnapshotsAlertsAndRaisedLevelsComeBackIncludingAlertsStoredInTheirFormerShape()
    {
        var saved = new CapacityState
        {
            Alerts = [new CapacityAlert(Noon.AddHours(-2), 95, 19, 20, "Capacity above 95%: 19/20 bots running (95.0%)")],
            RecentAlerts = [AlertRecord.Capacity(Noon.AddHours(-1), "silo-b", 80, 8, 10, "Capacity above 80%: 8/10 bots running (80.0%)", 80)],
            RaisedThresholds = [70],
        };

        _alerts.Restore(saved, alertThreshold: 80);

        Assert.Empty(_alerts.Observe(7, Limits));
        var former = _alerts.Recent[0];
        Assert.Equal((Noon.AddHours(-2), "silo-a", AlertSeverity.Critical, 95.0, 95.0), (former.At, former.Silo, former.Severity, former.Value, former.Threshold));
        Assert.Equal((19, 20, "Capacity above 95%: 19/20 bots running (95.0%)"), (former.CurrentBots, former.MaxBots, former.Message));
        Assert.Equal(saved.RecentAlerts[0], _alerts.Recent[1]);
    }
}
