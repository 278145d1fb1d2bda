using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansBots.Capacity;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Storage;

namespace OrleansBots.Tests.Capacity;

/// <summary>Snapshots the capacity grain stored before its alerts became <see cref="AlertRecord"/>s still load.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CapacitySnapshotTests(ClusterFixture fixture)
{
    // Written by the capacity grain before this change (its alerts as CapacityAlert, no user bot limits).
    private const string FormerSnapshot = """
        {"$id":"1","$type":"OrleansBots.Capacity.CapacityState, OrleansBots.Grains","Leases":{"$type":"System.Collections.Generic.List`1[[OrleansBots.Capacity.LeaseRecord, OrleansBots.Grains]], System.Private.CoreLib","$values":[{"$id":"2","$type":"OrleansBots.Capacity.LeaseRecord, OrleansBots.Grains","BotId":"bot-1","UserId":"alice"}]},"Limits":{"$id":"3","$type":"OrleansBots.Capacity.PlatformLimits, OrleansBots.Grains.Interfaces","MaxConcurrentBots":20,"MaxBotsPerUser":1,"MaxTradesPerDay":500,"AlertThreshold":80,"MaxSignalsPerMinute":100},"ConfiguredLimits":{"$id":"4","$type":"OrleansBots.Capacity.PlatformLimits, OrleansBots.Grains.Interfaces","MaxConcurrentBots":200,"MaxBotsPerUser":1,"MaxTradesPerDay":500,"AlertThreshold":80,"MaxSignalsPerMinute":100},"Alerts":{"$type":"System.Collections.Generic.List`1[[OrleansBots.Capacity.CapacityAlert, OrleansBots.Grains.Interfaces]], System.Private.CoreLib","$values":[{"$id":"5","$type":"OrleansBots.Capacity.CapacityAlert, OrleansBots.Grains.Interfaces","At":"2026-11-25T12:00:00+00:00","ThresholdPercent":95,"CurrentBots":19,"MaxBots":20,"Message":"Capacity above 95%: 19/20 bots running (95.0%)"}]},"RaisedThresholds":{"$type":"System.Collections.Generic.List`1[[System.Int32, System.Private.CoreLib]], System.Private.CoreLib","$values":[80,95]},"ZombieLeasesFreed":3}
        """;

    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private IServiceProvider Silo => fixture.Cluster.Silos[0].SiloHost.Services;

    [Fact]
    public async Task ASnapshotWithAlertsInTheirFormerShapeLoadsAndShowsThemAsAlertRecords()
    {
        var saved = Silo.GetRequiredService<IGrainStorageSerializer>().Deserialize<CapacityState>(BinaryData.FromString(FormerSnapshot))!;
        var capacity = fixture.Grains.GetGrain<ICapacityGrain>($"former-{Guid.NewGuid():N}");
        await Silo.GetRequiredKeyedService<IGrainStorage>(StateNames.Store)
            .WriteStateAsync(StateNames.Capacity, capacity.GetGrainId(), new GrainState<CapacityState>(saved));

        var report = await capacity.GetReport();

        Assert.Equal((1, 20, 3L), (report.Capacity.CurrentBots, report.Limits.MaxConcurrentBots, report.ZombieLeasesFreed));
        var alert = Assert.Single(report.RecentAlerts);
        Assert.Equal((Noon, "capacity", "platform", AlertSeverity.Critical), (alert.At, alert.Rule, alert.Scope, alert.Severity));
        Assert.Equal((95.0, 95.0, 19, 20), (alert.Value, alert.Threshold, alert.CurrentBots, alert.MaxBots));
        Assert.Equal("Capacity above 95%: 19/20 bots running (95.0%)", alert.Message);

        // The lease moved out of the grain's state into the lease store (where the first sweep's ping may already have
        // freed it: bot-1 does not exist here).
        var stored = new GrainState<CapacityState>(new CapacityState());
        await Silo.GetRequiredKeyedService<IGrainStorage>(StateNames.Store).ReadStateAsync(StateNames.Capacity, capacity.GetGrainId(), stored);
        Assert.Empty(stored.State!.Leases);
        Assert.Equal((20, 3L), (stored.State.Limits!.MaxConcurrentBots, stored.State.ZombieLeasesFreed));
        var journal = new LeaseJournal(Silo.GetRequiredKeyedService<IGrainStorage>(StateNames.Store), Microsoft.Extensions.Logging.Abstractions.NullLogger<LeaseJournal>.Instance);
        Assert.Subset(new HashSet<LeaseRecord> { new("bot-1", "alice") }, (await journal.LoadAsync(capacity.GetPrimaryKeyString())).ToHashSet());
        await capacity.Release("bot-1");
    }

    [Fact]
    public void ASnapshotKeepsItsAlertRecordsWithTheirCountsAndTheUsersOwnBotLimits()
    {
        var serializer = Silo.GetRequiredService<IGrainStorageSerializer>();
        var state = new CapacityState
        {
            RecentAlerts = [AlertRecord.Capacity(Noon, "silo-a", 80, 8, 10, "Capacity above 80%: 8/10 bots running (80.0%)", 80)],
            UserBotLimits = new() { ["alice"] = 3 },
        };

        var loaded = serializer.Deserialize<CapacityState>(serializer.Serialize(state))!;

        Assert.Equal(state.RecentAlerts, loaded.RecentAlerts);
        Assert.Equal(3, loaded.UserBotLimits["alice"]);
    }
}
