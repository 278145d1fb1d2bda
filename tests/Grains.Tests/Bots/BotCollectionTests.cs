using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

/// <summary>
/// Orleans collects the activations of idle bots after <see cref="BotOptions.IdleCollectionAge"/>; a running bot is
/// kept, however long its tick interval. Its own silo with a 2 s collection age checked every 0.5 s; in the cluster collection so that
/// its timings do not run beside the other cluster tests.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BotCollectionTests : IAsyncLifetime
{
    private static readonly TimeSpan IdleAge = TimeSpan.FromSeconds(2);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await PlatformTestSilo.StartAsync(silo =>
        {
            silo.Services.Configure<BotOptions>(o => o.IdleCollectionAge = IdleAge);
            silo.Services.Configure<GrainCollectionOptions>(o => o.CollectionQuantum = TimeSpan.FromMilliseconds(500));
        });

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

    [Fact]
    public async Task ARunningBotWhoseTicksAreFurtherApartThanTheCollectionAgeIsNeverCollected()
    {
        var definition = new BotDefinition("test", BotKind.Trading, ["BTCUSDT"], 5, 5, 20, 0.01m);
        var bot = _cluster.Client.GetGrain<IBotGrain>("collect-slow-ticks");
        await bot.Create("collect-user-3", definition);
        await bot.Start();

        // Two ticks 5 s apart, each gap more than twice the 2 s age, and no call to the bot in between: a collected bot
        // would have been woken at once and counted a restart.
        await Task.Delay(TimeSpan.FromSeconds(11));

        var info = (await bot.GetInfo())!;
        Assert.Equal(BotStatus.Running, info.Status);
        Assert.Equal(0, info.Restarts);
        Assert.True(info.Ticks >= 2, $"{info.Ticks} ticks");
        await bot.Stop();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
