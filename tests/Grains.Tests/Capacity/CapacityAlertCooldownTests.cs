using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using Orleans.TestingHost;
using OrleansBots.Capacity;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Storage;

namespace OrleansBots.Tests.Capacity;

/// <summary>
/// A silo of its own: the shared cluster runs without an alert cooldown. The exact timing is
/// <see cref="CapacityAlertsTests"/>' (a fake clock); here the grain's sweeps raise what is owed, polled for.
/// </summary>
public sealed class CapacityAlertCooldownTests : IAsyncLifetime
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(2);

    private readonly ConcurrentQueue<AlertRecord> _received = new();
    private InProcessTestCluster _cluster = null!;
    private IDisposable? _subscription;

    private ICapacityGrain Capacity => _cluster.Client.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StateNames.Store);
            silo.Services.AddPlatform();
            silo.Services.Configure<AlertOptions>(o => o.CooldownPeriod = Cooldown);

            // Leases nobody renews are freed by the first sweep after RenewInterval × 1.5, well after the cooldown:
            // seeing them freed proves such a sweep ran.
            silo.Services.Configure<CapacityOptions>(o =>
            {
                o.RenewInterval = Cooldown * 2;
                o.LeaseDuration = Cooldown * 4;
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _subscription = _cluster.Silos[0].SiloHost.Services.GetRequiredService<AlertDispatcher>().Subscribe(_received.Enqueue);
        await Capacity.ChangeLimits(new LimitsChange(MaxConcurrentBots: 10, MaxBotsPerUser: 100, AlertThreshold: 70));
    }

    public async Task DisposeAsync()
    {
        _subscription?.Dispose();
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task ALevelCrossedAgainWithinTheCooldownIsRaisedWhenTheCooldownEndsIfUsageIsStillOverIt()
    {
        await AcquireAsync(7);
        await Capacity.Release("bot-6");
        await AcquireAsync(7);
        var heldBack = Alerts();

        var owed = await Eventually.Get(() => Task.FromResult(Alerts()), alerts => alerts.Count == 2, TimeSpan.FromSeconds(60), "the held-back alert");

        Assert.Equal([70.0], heldBack.Select(a => a.Threshold));
        Assert.Equal([70.0, 70.0], owed.Select(a => a.Threshold));
        Assert.True(owed[1].At - owed[0].At >= Cooldown, $"raised {owed[1].At - owed[0].At} after the first");
    }

    [Fact]
    public async Task AHeldBackLevelThatUsageLeftBeforeTheCooldownEndedIsNotRaised()
    {
        await AcquireAsync(7);
        await Capacity.Release("bot-6");
        await AcquireAsync(7);
        await Capacity.Release("bot-6");

        await Eventually.Get(() => Capacity.GetCapacity(), c => c.CurrentBots == 0, TimeSpan.FromSeconds(60), "a sweep after the cooldown");

        Assert.Equal([70.0], Alerts().Select(a => a.Threshold));
    }

    private List<AlertRecord> Alerts() => _received.Where(a => a.Rule == "capacity").ToList();

    private async Task AcquireAsync(int bots)
    {
        for (var i = 0; i < bots; i++)
        {
            await Capacity.TryAcquire($"bot-{i}", "user");
        }
    }
}
