using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using OrleansBots.Bots;
using OrleansBots.Cache;
using OrleansBots.Storage;
using OrleansBots.Tests.Cache;

namespace OrleansBots.Tests.Bots;

/// <summary>
/// Orleans collects the activations of idle bots after <see cref="BotOptions.IdleCollectionAge"/>; a running bot's
/// timers keep it active. Its own silo with a 2 s collection age checked every 0.5 s; in the cluster collection so that
/// its timings do not run beside the other cluster tests.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BotCollectionTests : IAsyncLifetime
{
    private static readonly TimeSpan IdleAge = TimeSpan.FromSeconds(2);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StateNames.Store);
            silo.Services.AddSingleton<IMemoryPressure>(FakeMemoryPressure.Instance);
            silo.Services.AddPlatform();
            silo.Services.Configure<BotOptions>(o => o.IdleCollectionAge = IdleAge);
            silo.Services.Configure<GrainCollectionOptions>(o => o.CollectionQuantum = TimeSpan.FromMilliseconds(500));
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    [Fact]
    public async Task AStoppedBotsActivationIsCollectedWhileARunningBotsStays()
    {
        var definition = new BotDefinition("test", BotKind.Trading, ["BTCUSDT"], 5, 5, 20, 0.01m);
        var running = _cluster.Client.GetGrain<IBotGrain>("collect-running");
        var stopped = _cluster.Client.GetGrain<IBotGrain>("collect-stopped");
        await running.Create("collect-user-1", definition);
        await stopped.Create("collect-user-2", definition);
        await running.Start();
        await stopped.Start();
        await stopped.Stop();
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        Assert.NotNull(await management.GetActivationAddress(stopped));

        // The running bot has had no call for longer than the stopped one when the stopped one goes.
        await Eventually.Get<SiloAddress?>(async () => await management.GetActivationAddress(stopped), address => address is null, TimeSpan.FromSeconds(30), "stopped bot collected");
        var runningAddress = await management.GetActivationAddress(running);

        Assert.NotNull(runningAddress);
        Assert.Equal(BotStatus.Running, (await running.GetInfo())!.Status);
        Assert.Equal(BotStatus.Stopped, (await stopped.GetInfo())!.Status);
        await running.Stop();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
