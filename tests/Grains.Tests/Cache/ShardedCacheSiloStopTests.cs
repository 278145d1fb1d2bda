using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansBots.Cache;

namespace OrleansBots.Tests.Cache;

/// <summary>
/// The cache when the cluster cannot answer: one of two silos shutting down (a rolling deploy), or every shard failing
/// its calls as an unreachable silo's would (<see cref="ShardOutage"/>). A cluster per test: a test stops a silo.
/// </summary>
public sealed class ShardedCacheSiloStopTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await PlatformTestSilo.StartAsync(
        silo =>
        {
            silo.Services.AddSingleton<ShardOutage>();
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(services => services.GetRequiredService<ShardOutage>());
        },
        silos: 2);

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task GetOrAddAnswersEveryCallerWithTheSourcesValueWhileAShardsSiloShutsDown()
    {
        var cache = _cluster.Silos[0].SiloHost.Services.GetRequiredService<ShardedCache>();
        var failures = new ConcurrentQueue<Exception>();
        var wrong = 0;
        var calls = 0;
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 32).Select(caller => Task.Run(async () =>
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                // A new key each time: every call looks its shard up, misses, asks the source and stores.
                var key = $"source:{caller}:{round}";
                try
                {
                    var value = await cache.GetOrAddAsync(key, k => Task.FromResult(System.Text.Encoding.UTF8.GetBytes(k)));
                    if (System.Text.Encoding.UTF8.GetString(value) != key)
                    {
                        Interlocked.Increment(ref wrong);
                    }

                    Interlocked.Increment(ref calls);
                }
                catch (Exception error)
                {
                    failures.Enqueue(error);
                }
            }
        })).ToArray();

        await Task.Delay(300);
        await _cluster.StopSiloAsync(_cluster.Silos[1]);
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        Assert.True(calls > 100, $"only {calls} calls were answered");
        Assert.Equal(0, wrong);
        Assert.True(failures.IsEmpty, $"{failures.Count} of {calls + failures.Count} calls failed while the silo shut down, the first: {failures.FirstOrDefault()}");
    }

    [Fact]
    public async Task GetOrAddAnswersTheSourcesValueWhenNoShardAnswersAndOnlyTheSourcesOwnFailureReachesTheCaller()
    {
        var cache = _cluster.Silos[0].SiloHost.Services.GetRequiredService<ShardedCache>();
        var asked = 0;
        Task<byte[]> Source(string key)
        {
            Interlocked.Increment(ref asked);
            return Task.FromResult<byte[]>([7]);
        }

        Outage(true);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => cache.GetAsync("price:1"));
        Assert.Equal([7], await cache.GetOrAddAsync("price:1", Source));
        Assert.Equal([7], await cache.GetOrAddAsync("price:1", Source));
        Assert.Equal(2, asked);
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrAddAsync("price:2", _ => throw new InvalidOperationException("the exchange is down")));

        Outage(false);
        Assert.Equal([7], await cache.GetOrAddAsync("price:1", Source));
        Assert.Equal([7], await cache.GetOrAddAsync("price:1", Source));
        Assert.Equal(3, asked);
    }

    private void Outage(bool failing)
    {
        foreach (var silo in _cluster.Silos)
        {
            silo.SiloHost.Services.GetRequiredService<ShardOutage>().Failing = failing;
        }
    }

    /// <summary>While <see cref="Failing"/>, every call to a cache shard fails as one to a silo that became unavailable does.</summary>
    private sealed class ShardOutage : IIncomingGrainCallFilter
    {
        public volatile bool Failing;

        public Task Invoke(IIncomingGrainCallContext context) =>
            Failing && context.Grain is CacheShardGrain ? throw new SiloUnavailableException("the test's shard outage") : context.Invoke();
    }
}
