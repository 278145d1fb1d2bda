using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansBots.Cache;
using OrleansBots.Tests.Quotas;

namespace OrleansBots.Tests.Cache;

/// <summary>The cache through its router and the shard grains of the shared test cluster (64 shards, the default).</summary>
[Collection(ClusterCollection.Name)]
public sealed class ShardedCacheTests(ClusterFixture fixture)
{
    // docs/CACHE.md: each entry costs 2 bytes per key character + its value + 160 bytes; MaxMemory is 100MB
    // (powers of 1024) without the hardware budget, split evenly over the 64 shards.
    private const int EntryOverheadBytes = 160;
    private const int ShardCeilingBytes = 100 * 1024 * 1024 / 64;

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private ShardedCache Cache => fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<ShardedCache>();

    [Fact]
    public async Task ValuesSetThroughTheRouterAreReadBackFromShardsAllOverTheCluster()
    {
        var keys = Enumerable.Range(0, 200).Select(i => $"{_run}:price:{i}").ToList();

        await Task.WhenAll(keys.Select((key, i) => Cache.SetAsync(key, BitConverter.GetBytes(i))));
        var values = await Task.WhenAll(keys.Select(key => Cache.GetAsync(key)));

        Assert.Equal(Enumerable.Range(0, 200), values.Select(v => BitConverter.ToInt32(v!)));
        Assert.True(keys.Select(key => ShardedCache.ShardOf(key, Cache.ShardCount)).Distinct().Count() > 50);
        foreach (var key in keys.Take(20))
        {
            Assert.NotNull(await fixture.Grains.GetGrain<ICacheShardGrain>(ShardedCache.ShardOf(key, 64)).Get(key));
        }
    }

    [Fact]
    public async Task InTheSiloAValueIsPassedToTheShardAndReadBackAsTheSameArrayNotACopy()
    {
        var key = $"{_run}:shared";
        var value = new byte[1024];

        await Cache.SetAsync(key, value);
        var first = await Cache.GetAsync(key);
        var second = await Cache.GetAsync(key);

        Assert.Same(value, first);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task WithANearCacheALocalWriteIsSeenAtOnceAndAnotherSilosWriteOnceTheNearTtlIsOver()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var near = WithNearCache(time);
        var key = $"{_run}:near";
        var shard = fixture.Grains.GetGrain<ICacheShardGrain>(ShardedCache.ShardOf(key, 64));

        await near.SetAsync(key, [1]);
        Assert.Equal([1], await near.GetAsync(key));
        var lookups = await LookupsAsync(shard);
        Assert.Equal([1], await near.GetAsync(key));
        Assert.Equal(lookups, await LookupsAsync(shard));

        // Another silo's write (the test silo's own cache, without a near cache) is not seen until the near TTL is over.
        await Cache.SetAsync(key, [2]);
        Assert.Equal([1], await near.GetAsync(key));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([2], await near.GetAsync(key));

        await near.SetAsync(key, [3]);
        Assert.Equal([3], await near.GetAsync(key));
        await near.DeleteAsync(key);
        Assert.Null(await near.GetAsync(key));
    }

    [Fact]
    public async Task WithANearCacheReadsWhileALocalSetIsOnItsWayAreServedTheEarlierCopyWithoutAGrainCall()
    {
        // A router in the silo, so the silo's outgoing filter can hold the set on its way to the shard.
        var near = new ShardedCache(
            fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<IGrainFactory>(),
            Options.Create(new CacheOptions { NearCacheTtl = TimeSpan.FromMinutes(1) }),
            TimeProvider.System);
        var key = $"{_run}:overlapped";
        var shard = fixture.Grains.GetGrain<ICacheShardGrain>(ShardedCache.ShardOf(key, 64));
        await near.SetAsync(key, [1]);

        var hold = HeldCalls.Hold(nameof(ICacheShardGrain.Write), key);
        Task<bool> set;
        long lookups;
        try
        {
            set = near.SetAsync(key, [2]);
            await hold.Arrived;
            lookups = await LookupsAsync(shard);
            Assert.Equal([1], await near.GetAsync(key));
            Assert.Equal(lookups, await LookupsAsync(shard));
        }
        finally
        {
            hold.Release();
        }

        Assert.True(await set);
        Assert.Equal([2], await near.GetAsync(key));
        Assert.Equal(lookups, await LookupsAsync(shard));
    }

    [Fact]
    public async Task WithANearCacheAHotKeyIsReadAgainBeforeItsCopyEndsSoReadersNeverWaitForTheShard()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var near = WithNearCache(time);
        var key = $"{_run}:refreshed";
        var shard = fixture.Grains.GetGrain<ICacheShardGrain>(ShardedCache.ShardOf(key, 64));
        await near.SetAsync(key, [1]);
        await Cache.SetAsync(key, [2]);

        // In the last quarter of the copy's near TTL a read is served the copy and starts a read of the shard behind it.
        time.Advance(TimeSpan.FromSeconds(46));
        Assert.Equal([1], await near.GetAsync(key));
        await Eventually.Get(() => near.GetAsync(key), value => value is [2], TimeSpan.FromSeconds(10), "the other silo's write was read ahead");

        // Past the first copy's end, the refreshed one serves without a lookup.
        var lookups = await LookupsAsync(shard);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal([2], await near.GetAsync(key));
        Assert.Equal(lookups, await LookupsAsync(shard));
    }

    [Fact]
    public async Task WithANearCacheARefreshThatFindsTheKeyDeletedElsewhereDropsTheCopy()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var near = WithNearCache(time);
        var key = $"{_run}:deleted-elsewhere";
        await near.SetAsync(key, [1]);
        await Cache.DeleteAsync(key);

        time.Advance(TimeSpan.FromSeconds(46));
        Assert.Equal([1], await near.GetAsync(key));

        await Eventually.Get(() => near.GetAsync(key), value => value is null, TimeSpan.FromSeconds(10), "the deleted key left the near cache");
    }

    [Fact]
    public async Task AMissingKeyReadsAsTheDefaultAndADeletedKeyIsGone()
    {
        var key = $"{_run}:k";
        byte[] fallback = [9, 9];
        Assert.Equal(fallback, await Cache.GetAsync(key, fallback));

        await Cache.SetAsync(key, [1]);
        Assert.Equal([1], await Cache.GetAsync(key, fallback));
        Assert.True(await Cache.DeleteAsync(key));
        Assert.False(await Cache.DeleteAsync(key));
        Assert.Null(await Cache.GetAsync(key));
    }

    [Fact]
    public async Task AnEntryExpiresAfterItsTtlThroughTheGrain()
    {
        // Long enough that a loaded machine still reads it back before it ends; the expiry itself is polled.
        var ttl = TimeSpan.FromSeconds(3);
        var key = $"{_run}:short";
        var sinceSet = Stopwatch.StartNew();
        await Cache.SetAsync(key, [1], ttl);
        Assert.NotNull(await Cache.GetAsync(key));

        await Eventually.Get(() => Cache.GetAsync(key), value => value is null, ttl + TimeSpan.FromSeconds(10), "the entry expired");
        Assert.True(sinceSet.Elapsed >= ttl, $"expired after {sinceSet.Elapsed}, before its TTL of {ttl}");
    }

    [Fact]
    public async Task ClearingAPrefixRemovesItsKeysFromEveryShardAndNothingElse()
    {
        var cooldowns = Enumerable.Range(0, 100).Select(i => $"{_run}:cooldown:{i}").ToList();
        var quotas = Enumerable.Range(0, 100).Select(i => $"{_run}:quota:{i}").ToList();
        await Task.WhenAll(cooldowns.Concat(quotas).Select(key => Cache.SetAsync(key, [1])));

        var removed = await Cache.ClearAsync($"{_run}:cooldown:");

        Assert.Equal(100, removed);
        Assert.All(await Task.WhenAll(cooldowns.Select(key => Cache.GetAsync(key))), Assert.Null);
        Assert.All(await Task.WhenAll(quotas.Select(key => Cache.GetAsync(key))), Assert.NotNull);
    }

    [Fact]
    public async Task ClearingEverythingEmptiesEveryShard()
    {
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Cache.SetAsync($"{_run}:{i}", [1])));

        var removed = await Cache.ClearAsync();

        Assert.True(removed >= 50);
        var stats = await Cache.GetStatsAsync();
        Assert.Equal((0L, 0L), (stats.Entries, stats.Bytes));
    }

    [Fact]
    public async Task AggregatedStatsAddUpTheShardsAndCountThisRunsLookups()
    {
        var before = await Cache.GetStatsAsync();
        var keys = Enumerable.Range(0, 50).Select(i => $"{_run}:stat:{i}").ToList();
        await Task.WhenAll(keys.Select(key => Cache.SetAsync(key, new byte[10])));
        await Task.WhenAll(keys.Select(key => Cache.GetAsync(key)));
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Cache.GetAsync($"{_run}:absent:{i}")));

        var after = await Cache.GetStatsAsync();
        var shards = await Cache.GetShardStatsAsync();

        Assert.Equal(50, after.Hits - before.Hits);
        Assert.Equal(10, after.Misses - before.Misses);
        Assert.Equal(50, after.Entries - before.Entries);
        Assert.Equal(keys.Sum(key => (2 * key.Length) + 10 + EntryOverheadBytes), after.Bytes - before.Bytes);
        Assert.Equal(64, shards.Length);
        Assert.Equal(after.Hits, shards.Sum(s => s.Hits));
        Assert.Equal(after.Entries, shards.Sum(s => s.Entries));
        Assert.Equal(ShardCeilingBytes * 64, after.MaxBytes);
        Assert.InRange(after.HitRate, 0.0, 1.0);
    }

    [Fact]
    public async Task OneHundredConcurrentGetOrAddsOfOneKeyCallTheFactoryOnce()
    {
        var key = $"{_run}:BTCUSDT";
        var factory = new GatedFactory(() => [42]);

        var waiting = Enumerable.Range(0, 100).Select(_ => Task.Run(() => Cache.GetOrAddAsync(key, factory.Fetch))).ToList();
        await factory.ReleaseOnceCalledAsync();
        var values = await Task.WhenAll(waiting);

        Assert.Equal(1, factory.Calls);
        Assert.All(values, value => Assert.Equal([42], value));
        Assert.Equal([42], await Cache.GetOrAddAsync(key, factory.Fetch));
        Assert.Equal(1, factory.Calls);
        Assert.Equal([42], await Cache.GetAsync(key));
    }

    [Fact]
    public async Task AFailedFactoryFailsEveryWaiterAndIsNotCached()
    {
        var key = $"{_run}:failing";
        var factory = new GatedFactory(() => throw new HttpRequestException("exchange down"));

        var waiting = Enumerable.Range(0, 20).Select(_ => Cache.GetOrAddAsync(key, factory.Fetch)).ToList();
        await factory.ReleaseOnceCalledAsync();

        foreach (var task in waiting)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => task);
        }

        Assert.Equal(1, factory.Calls);
        Assert.Equal([5], await Cache.GetOrAddAsync(key, _ => Task.FromResult<byte[]>([5])));
    }

    [Fact]
    public async Task AValueTooLargeForAShardIsRefused()
    {
        var tooLarge = new byte[ShardCeilingBytes + 1];

        Assert.False(await Cache.SetAsync($"{_run}:huge", tooLarge));
        Assert.Null(await Cache.GetAsync($"{_run}:huge"));
    }

    // A second router over the same shards, as another silo's would be, with a one-minute near cache on the test's clock.
    private ShardedCache WithNearCache(TimeProvider time) =>
        new(fixture.Grains, Options.Create(new CacheOptions { NearCacheTtl = TimeSpan.FromMinutes(1) }), time);

    private static async Task<long> LookupsAsync(ICacheShardGrain shard)
    {
        var stats = await shard.GetStats();
        return stats.Hits + stats.Misses;
    }

    /// <summary>A factory that counts its calls and holds them until released, so that callers pile up behind it.</summary>
    private sealed class GatedFactory(Func<byte[]> outcome)
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public async Task<byte[]> Fetch(string key)
        {
            Interlocked.Increment(ref _calls);
            await _release.Task;
            return outcome();
        }

        /// <summary>Lets the first call finish once it has started and the other callers had time to arrive.</summary>
        public async Task ReleaseOnceCalledAsync()
        {
            await Eventually.Get(() => Task.FromResult(Calls), calls => calls > 0, TimeSpan.FromSeconds(5), "the factory was called");
            await Task.Delay(200);
            _release.SetResult();
        }
    }
}
