using Microsoft.Extensions.Logging.Abstractions;
using OrleansBots.Capacity;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Roster;
using OrleansBots.Silo.Api;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Api;

public sealed class AlertListTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly CapacityReport Report = new(
        CapacityLevels.Snapshot(9, 10),
        PlatformLimits.Defaults,
        1,
        [AlertRecord.Capacity(Noon.AddMinutes(1), "silo-a", 80, 8, 10, "Capacity above 80%: 8/10 bots running (80.0%)", 80)],
        0,
        "silo-a",
        Noon);

    private static readonly AlertRecord Cpu = new(Noon.AddMinutes(2), "silo-b", "cpu", "silo-b", AlertSeverity.Warning, 93, 90, "CPU at 93% on silo-b (threshold 90%)");

    // The journal's copy of the capacity grain's alert.
    private static readonly AlertRecord CapacityCopy = new(Noon.AddMinutes(1), "silo-a", "capacity", "platform", AlertSeverity.Warning, 80, 80, "Capacity above 80%");

    [Fact]
    public async Task CapacityAlertsAndTheHistorysOtherAlertsAreListedNewestFirstWithoutCopies()
    {
        var list = List(new TestHistory { Alerts = [Cpu, CapacityCopy] }, new RecentAlerts());

        var alerts = await list.ListAsync(Report, 10, CancellationToken.None);

        Assert.Equal([("cpu", "warning", (int?)null), ("capacity", "warning", 80)], alerts.Select(a => (a.Rule, a.Severity, a.ThresholdPercent)));
        Assert.Equal((80.0, 80.0, 8, 10), (alerts[1].Value, alerts[1].Threshold, alerts[1].CurrentBots, alerts[1].MaxBots));
    }

    [Fact]
    public async Task AFailingHistoryFallsBackToTheSilosOwnAlerts()
    {
        var recent = new RecentAlerts();
        recent.Add(Cpu);

        var alerts = await List(new TestHistory { Fails = true }, recent).ListAsync(Report, 10, CancellationToken.None);

        Assert.Equal(["cpu", "capacity"], alerts.Select(a => a.Rule));
    }

    private static AlertList List(IMetricHistory history, RecentAlerts recent) => new(history, recent, NullLogger<AlertList>.Instance);
}
