using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansBots.Bots;
using OrleansBots.Cache;
using OrleansBots.Hardware;
using OrleansBots.Storage;
using OrleansBots.Tests.Cache;

namespace OrleansBots.Tests.Hardware;

/// <summary>
/// Two silos, one reporting 95 % CPU: new bot activations go to the other, whichever silo places them.
/// In the cluster collection only so that its two silos do not run beside the clock-sensitive cluster tests.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LoadAwarePlacementTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        var configured = 0;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StateNames.Store);
            silo.Services.AddSingleton<ISiloLoad>(new FakeSiloLoad(Interlocked.Increment(ref configured) == 1 ? 95 : 10, 30));
            silo.Services.AddSingleton<IMemoryPressure>(FakeMemoryPressure.Instance);
            silo.Services.Configure<HardwareOptions>(o => o.SampleInterval = TimeSpan.FromMilliseconds(200));
            silo.Services.AddPlatform();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    [Fact]
    public async Task NewBotsArePlacedAwayFromTheOverloadedSilo()
    {
        var busy = _cluster.Silos.Single(s => s.ServiceProvider.GetRequiredService<ISiloLoad>().CpuPercent > 90).SiloAddress;
        var calm = _cluster.Silos.Single(s => s.SiloAddress != busy).SiloAddress;
        var registry = _cluster.Client.GetGrain<IHardwareRegistryGrain>(IHardwareRegistryGrain.GlobalKey);
        await Eventually.Get(registry.GetSilos, s => s.Count == 2 && s.Values.All(r => r.Load is not null), TimeSpan.FromSeconds(20), "both silos reported their load");

        // Let every silo hear the other's load once more with its next report.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        var placed = new List<SiloAddress?>();
        foreach (var i in Enumerable.Range(0, 40))
        {
            var bot = _cluster.Client.GetGrain<IBotGrain>($"placement-{i}");
            await bot.GetInfo();
            placed.Add(await management.GetActivationAddress(bot));
        }

        Assert.DoesNotContain(busy, placed);
        Assert.All(placed, silo => Assert.Equal(calm, silo));
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
