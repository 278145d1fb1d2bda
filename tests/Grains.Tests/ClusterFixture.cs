using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansBots.Bots;
using OrleansBots.Cache;
using OrleansBots.Capacity;
using OrleansBots.Market;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Storage;
using OrleansBots.Tests.Bots;
using OrleansBots.Tests.Cache;
using OrleansBots.Tests.Capacity;
using OrleansBots.Tests.Storage;
using OrleansBots.Users;

namespace OrleansBots.Tests;

/// <summary>
/// One in-process silo with memory storage and short leases, shared by the cluster tests. The tests run one
/// after another (one collection) because they share the global capacity grain.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(1);

    /// <summary>Small, so a test with a few dozen bots sees its silo's summary split into several calls.</summary>
    public const int RenewBatch = 16;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("memory");
            silo.AddIncomingGrainCallFilter<CapacityCalls>();
            silo.AddIncomingGrainCallFilter<BotTimerTurns>();
            silo.AddOutgoingGrainCallFilter<HeldCalls>();
            silo.Services.AddKeyedSingleton<IGrainStorage>(
                StateNames.Store,
                (services, _) => new CountingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>("memory")));
            silo.Services.AddSingleton<IMemoryPressure>(FakeMemoryPressure.Instance);
            silo.Services.AddPlatform();
            silo.Services.Configure<CacheOptions>(o => o.SizingInterval = TimeSpan.FromMilliseconds(200));
            silo.Services.Configure<CapacityOptions>(o =>
            {
                o.LeaseDuration = LeaseDuration;
                o.RenewInterval = RenewInterval;
                o.RenewBatch = RenewBatch;
            });
            silo.Services.Configure<MarketOptions>(o => o.Step = TimeSpan.FromMilliseconds(100));
            silo.Services.Configure<BotOptions>(ConfigureBots);
            silo.Services.Configure<UserOptions>(ConfigureUsers);

            // The tests share one capacity grain and cross its levels again and again.
            silo.Services.Configure<AlertOptions>(o => o.CooldownPeriod = TimeSpan.Zero);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    protected virtual void ConfigureBots(BotOptions options) => options.SaveInterval = TimeSpan.FromSeconds(1);

    protected virtual void ConfigureUsers(UserOptions options)
    {
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
