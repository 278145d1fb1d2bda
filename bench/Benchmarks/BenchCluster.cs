using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using OrleansBots.Cache;
using OrleansBots.Quotas;
using OrleansBots.Storage;

namespace OrleansBots.Benchmarks;

/// <summary>
/// One in-process silo built the way tests/Grains.Tests/ClusterFixture.cs builds it (memory storage, the
/// platform's grain services). Callers use the silo's own <see cref="ShardedCache"/> and <see cref="Cooldowns"/>
/// singletons, as the platform's web layer and grains do: no network hop between caller and shard grain.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private BenchCluster(InProcessTestCluster cluster) => _cluster = cluster;

    public IServiceProvider Services => _cluster.Silos[0].ServiceProvider;

    public ShardedCache Cache => Services.GetRequiredService<ShardedCache>();

    public Cooldowns Cooldowns => Services.GetRequiredService<Cooldowns>();

    /// <summary>Starts the silo; with <paramref name="clock"/>, the silo's services (the shard grains' cooldowns among them) read that clock.</summary>
    public static async Task<BenchCluster> StartAsync(Action<CacheOptions>? cache = null, TimeProvider? clock = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            if (clock is not null)
            {
                silo.Services.AddSingleton(clock);
            }

            silo.AddMemoryGrainStorage(StateNames.Store);
            silo.Services.AddPlatform();
            silo.Services.Configure<CacheOptions>(options => cache?.Invoke(options));
            silo.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new BenchCluster(cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}

/// <summary>A clock the benchmark moves by hand, for the plain classes.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
