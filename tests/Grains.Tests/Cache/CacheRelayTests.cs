using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using OrleansBots.Cache;

namespace OrleansBots.Tests.Cache;

/// <summary>Sets relayed between two in-process silos (a cluster per test: one of them stops a silo).</summary>
public sealed class CacheRelayTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await PlatformTestSilo.StartAsync(_ => { }, silos: 2);

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task SetsForTheOtherSilosShardsGoToItsRelayInBatchesAndAreReadBackEverywhere()
    {
        var keys = Enumerable.Range(0, 400).Select(i => $"relay:{i}").ToArray();
        var here = Services(0).GetRequiredService<ShardedCache>();

        await Task.WhenAll(keys.Select(key => here.SetAsync(key, [1])));
        Assert.Equal(keys.Select(key => ShardedCache.ShardOf(key, here.ShardCount)).Distinct().Count(), Services(0).GetRequiredService<CacheRelay>().LocatedShards);
        await Task.WhenAll(keys.Select((key, i) => here.SetAsync(key, BitConverter.GetBytes(i))));

        var there = Services(1).GetRequiredService<ShardedCache>();
        var read = await Task.WhenAll(keys.Select(key => there.GetAsync(key)));
        Assert.Equal(Enumerable.Range(0, keys.Length), read.Select(value => BitConverter.ToInt32(value!)));
        var relayed = Services(1).GetRequiredService<CacheInstruments>();
        var onTheOtherSilo = await CountOnOtherSiloAsync(keys);
        Assert.InRange(onTheOtherSilo, 50, 350);
        Assert.Equal(onTheOtherSilo, relayed.RelayedSets);
        Assert.InRange(relayed.RelayBatches, 1, relayed.RelayedSets / 4);
    }

    [Fact]
    public async Task ARelayedSetCarriesItsShardsVersionSoTheNearCacheHoldsTheValueWritten()
    {
        var near = new ShardedCache(
            Services(0).GetRequiredService<IGrainFactory>(),
            Options.Create(new CacheOptions { NearCacheTtl = TimeSpan.FromMinutes(1) }),
            TimeProvider.System,
            Services(0).GetRequiredService<CacheRelay>());
        var key = await KeyOnOtherSiloAsync();
        await near.SetAsync(key, [1]);
        var relayedBefore = Services(1).GetRequiredService<CacheInstruments>().RelayedSets;
        var shard = _cluster.Client.GetGrain<ICacheShardGrain>(ShardedCache.ShardOf(key, 64));
        var lookups = await LookupsAsync(shard);

        Assert.True(await near.SetAsync(key, [2]));

        Assert.Equal(relayedBefore + 1, Services(1).GetRequiredService<CacheInstruments>().RelayedSets);
        Assert.Equal([2], await near.GetAsync(key));
        Assert.Equal(lookups, await LookupsAsync(shard));
        Assert.Equal([2], (await shard.Get(key))!.Value);
    }

    [Fact]
    public async Task NothingOfABatchIsStoredAfterItsDeadline()
    {
        var key = await KeyOnOtherSiloAsync();
        var shard = ShardedCache.ShardOf(key, 64);
        var relay = Services(0).GetRequiredService<CacheRelayClient>().On(_cluster.Silos[1].SiloAddress);

        var grain = _cluster.Client.GetGrain<ICacheShardGrain>(shard);

        var outcomes = await relay.Write([shard], [new CacheWrites([key], [[9]], [null])], DateTime.UtcNow.AddSeconds(-1));
        var atTheShard = await grain.WriteMany(new CacheWrites([key], [[8]], [null]), DateTime.UtcNow.AddSeconds(-1));

        Assert.True(Assert.Single(outcomes).Receipt!.Late);
        Assert.True(atTheShard.Late);
        Assert.Empty(atTheShard.Versions);
        Assert.Equal([0], (await grain.Get(key))!.Value);
        var stored = await relay.Write([shard], [new CacheWrites([key], [[9]], [null])], DateTime.UtcNow.AddSeconds(10));
        Assert.True(Assert.Single(stored).Receipt!.Versions[0] > 0);
        Assert.Equal([9], (await grain.Get(key))!.Value);
    }

    [Fact]
    public async Task WhenTheRelaysSiloStopsItsShardsAreFoundAgainAndSetsGoOn()
    {
        var keys = Enumerable.Range(0, 100).Select(i => $"moved:{i}").ToArray();
        var here = Services(0).GetRequiredService<ShardedCache>();
        await Task.WhenAll(keys.Select(key => here.SetAsync(key, [1])));
        Assert.True(await CountOnOtherSiloAsync(keys) > 0);

        var gone = _cluster.Silos[1].SiloAddress;
        await _cluster.StopSiloAsync(_cluster.Silos[1]);

        var membership = Services(0).GetRequiredService<IClusterMembershipService>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (membership.CurrentSnapshot.GetSiloStatus(gone) != SiloStatus.Dead)
        {
            Assert.True(DateTime.UtcNow < deadline, "the first silo did not hold the second for dead within 60 s");
            await Task.Delay(100);
        }

        // No batch goes to a silo the cluster holds for dead: its sets go to the shards directly, which come back on the
        // silo left, and no set fails.
        Assert.All(await Task.WhenAll(keys.Select(key => here.SetAsync(key, [2]))), Assert.True);
        var read = await Task.WhenAll(keys.Select(key => here.GetAsync(key)));
        Assert.All(read, value => Assert.Equal([2], value));
    }

    private IServiceProvider Services(int silo) => _cluster.Silos[silo].SiloHost.Services;

    private static async Task<long> LookupsAsync(ICacheShardGrain shard)
    {
        var stats = await shard.GetStats();
        return stats.Hits + stats.Misses;
    }

    /// <summary>How many of the keys' sets went to a shard on the second silo (a shard there says so in its receipt).</summary>
    private async Task<int> CountOnOtherSiloAsync(IEnumerable<string> keys)
    {
        var other = _cluster.Silos[1].SiloAddress;
        var count = 0;
        foreach (var key in keys)
        {
            if (other.Equals(await SiloOfAsync(key)))
            {
                count++;
            }
        }

        return count;
    }

    private async Task<string> KeyOnOtherSiloAsync()
    {
        var other = _cluster.Silos[1].SiloAddress;
        for (var i = 0; i < 1_000; i++)
        {
            var key = $"near:{i}";
            await Services(0).GetRequiredService<ShardedCache>().SetAsync(key, [0]);
            if (other.Equals(await SiloOfAsync(key)))
            {
                return key;
            }
        }

        throw new InvalidOperationException("no shard of 1,000 keys lives on the second silo");
    }

    private async Task<SiloAddress> SiloOfAsync(string key)
    {
        var shard = _cluster.Client.GetGrain<ICacheShardGrain>(ShardedCache.ShardOf(key, 64));
        return (await shard.WriteMany(new CacheWrites([$"probe:{key}"], [[0]], [null]), DateTime.MaxValue)).Silo;
    }
}
