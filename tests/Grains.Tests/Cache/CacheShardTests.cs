using Microsoft.Extensions.Time.Testing;
using OrleansBots.Cache;
using OrleansBots.Tests.Quotas;

namespace OrleansBots.Tests.Cache;

public sealed class CacheShardTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    // "k1".."k9" with a 100-byte value: 4 + 100 + 160 bytes each.
    private static readonly long SmallEntry = Charged("k1", 100);

    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public void AnEntryIsReadUntilItsTtlEndsAndIsAMissFromThen()
    {
        var shard = Shard();
        shard.Set("price", [1, 2, 3], TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.Equal([1, 2, 3], shard.Get("price"));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(shard.Get("price"));

        var stats = shard.Stats;
        Assert.Equal((1L, 1L, 1L, 0L), (stats.Hits, stats.Misses, stats.Expirations, stats.Entries));
        Assert.Equal(0, shard.Bytes);
    }

    [Fact]
    public void EverySetGetsALargerVersionThanTheLastAndReadsCarryTheVersionOfTheSetTheySee()
    {
        var shard = Shard();
        var first = shard.Set("a", [1]);
        var second = shard.Set("b", [2]);
        var third = shard.Set("a", [3]);
        _time.Advance(TimeSpan.FromSeconds(1));
        var fourth = shard.Set("b", [4]);

        Assert.True(first > 0);
        Assert.True(second > first, "sets within one tick of the clock still get larger versions");
        Assert.True(third > second);
        Assert.True(fourth >= Start.AddSeconds(1).UtcTicks, "versions follow the clock");
        Assert.Equal(third, shard.Read("a")!.Version);
        Assert.Equal(fourth, shard.Read("b")!.Version);
    }

    [Fact]
    public void AnEntrySetWithoutTtlLivesForTheDefaultTtl()
    {
        var shard = Shard();
        shard.Set("k", [7]);

        _time.Advance(TimeSpan.FromSeconds(599));
        Assert.NotNull(shard.Get("k"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(shard.Get("k"));
    }

    [Fact]
    public void OverwritingAKeyReplacesItsValueItsBytesAndRestartsItsTtl()
    {
        var shard = Shard();
        shard.Set("k", new byte[10], TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(4));

        shard.Set("k", new byte[30], TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(30, shard.Get("k")!.Length);
        Assert.Equal(1, shard.Count);
        Assert.Equal(Charged("k", 30), shard.Bytes);
    }

    [Fact]
    public void AnEntryIsChargedItsKeyItsValueAndTheFixedOverhead()
    {
        var shard = Shard();
        shard.Set("ab", new byte[10]);
        shard.Set("cde", new byte[20]);

        Assert.Equal((2 * 2) + 10 + CacheShard.EntryOverheadBytes + (3 * 2) + 20 + CacheShard.EntryOverheadBytes, shard.Bytes);
        Assert.True(shard.Delete("ab"));
        Assert.Equal((3 * 2) + 20 + CacheShard.EntryOverheadBytes, shard.Bytes);
    }

    [Fact]
    public void LruEvictsTheLeastRecentlyReadEntry()
    {
        var shard = ThreeEntryShard("lru");
        Fill(shard, "k1", "k2", "k3");
        shard.Get("k1");

        Fill(shard, "k4");
        Assert.Equal(["k1", "k3", "k4"], Present(shard));

        shard.Get("k3");
        Fill(shard, "k5");
        Assert.Equal(["k3", "k4", "k5"], Present(shard));
    }

    [Fact]
    public void LruCountsAnOverwriteAsAUse()
    {
        var shard = ThreeEntryShard("lru");
        Fill(shard, "k1", "k2", "k3");
        Fill(shard, "k1");

        Fill(shard, "k4");

        Assert.Equal(["k1", "k3", "k4"], Present(shard));
    }

    [Fact]
    public void LfuEvictsTheLeastOftenReadEntry()
    {
        var shard = ThreeEntryShard("lfu");
        Fill(shard, "k1", "k2", "k3");
        Read(shard, "k1", 3);
        Read(shard, "k2", 1);
        Read(shard, "k3", 2);

        Fill(shard, "k4");

        Assert.Equal(["k1", "k3", "k4"], Present(shard));
    }

    [Fact]
    public void LfuEvictsTheEntryThatReachedItsCountFirstAmongEqualCounts()
    {
        var shard = ThreeEntryShard("lfu");
        Fill(shard, "k1", "k2", "k3");
        Read(shard, "k2", 1);
        Read(shard, "k1", 1);
        Read(shard, "k3", 1);

        Fill(shard, "k4");
        Assert.Equal(["k1", "k3", "k4"], Present(shard));

        // k4 has been used fewer times than k1 and k3: it goes next, not the new k5.
        Fill(shard, "k5");
        Assert.Equal(["k1", "k3", "k5"], Present(shard));
    }

    [Fact]
    public void FifoEvictsTheOldestKeyHoweverOftenItIsReadOrOverwritten()
    {
        var shard = ThreeEntryShard("fifo");
        Fill(shard, "k1", "k2", "k3");
        Read(shard, "k1", 10);
        Fill(shard, "k1");

        Fill(shard, "k4");
        Assert.Equal(["k2", "k3", "k4"], Present(shard));

        Fill(shard, "k5");
        Assert.Equal(["k3", "k4", "k5"], Present(shard));
        Assert.Equal(2, shard.Stats.Evictions);
    }

    [Theory]
    [InlineData("lru")]
    [InlineData("lfu")]
    [InlineData("fifo")]
    public void BytesNeverExceedTheBudgetAndAlwaysMatchTheEntriesHeld(string policy)
    {
        var shard = Shard(policy, maxMemory: "16KB");
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var key = $"key-{random.Next(300)}";
            if (random.Next(4) == 0)
            {
                shard.Get(key);
            }
            else
            {
                Assert.True(shard.Set(key, new byte[random.Next(0, 2000)], TimeSpan.FromSeconds(random.Next(1, 60))) > 0);
            }

            _time.Advance(TimeSpan.FromMilliseconds(50));
            Assert.InRange(shard.Bytes, 0, 16 * 1024);
        }

        Assert.True(shard.Stats.Evictions > 0);
        var held = Enumerable.Range(0, 300).Select(i => $"key-{i}").Select(key => (key, value: Peek(shard, key))).Where(x => x.value is not null);
        Assert.Equal(held.Sum(x => Charged(x.key, x.value!.Length)), shard.Bytes);
    }

    [Fact]
    public void AValueLargerThanTheWholeBudgetIsRefusedAndTheOlderValueOfItsKeyRemoved()
    {
        var shard = Shard(maxMemory: "1KB");
        shard.Set("big", [1]);
        shard.Set("other", [2]);

        Assert.Equal(0, shard.Set("big", new byte[2000]));

        Assert.Null(shard.Get("big"));
        Assert.Equal([2], shard.Get("other"));
        Assert.Equal(0, shard.Stats.Evictions);
    }

    [Fact]
    public void ClearingAPrefixRemovesOnlyTheKeysThatStartWithItAndFreesTheirBytes()
    {
        var shard = Shard();
        shard.Set("user:1:cooldown", [1]);
        shard.Set("user:1:quota", [2]);
        shard.Set("user:10:quota", [3]);
        shard.Set("price:BTCUSDT", [4]);

        Assert.Equal(2, shard.Clear("user:1:"));

        Assert.Null(shard.Get("user:1:cooldown"));
        Assert.Null(shard.Get("user:1:quota"));
        Assert.Equal([3], shard.Get("user:10:quota"));
        Assert.Equal([4], shard.Get("price:BTCUSDT"));
        Assert.Equal(Charged("user:10:quota", 1) + Charged("price:BTCUSDT", 1), shard.Bytes);
    }

    [Fact]
    public void ClearingEverythingEmptiesTheShardButKeepsItsCounters()
    {
        var shard = Shard();
        shard.Set("a", [1]);
        shard.Set("b", [2]);
        shard.Get("a");
        shard.Get("missing");

        Assert.Equal(2, shard.Clear());

        var stats = shard.Stats;
        Assert.Equal((0L, 0L, 1L, 1L), (stats.Entries, stats.Bytes, stats.Hits, stats.Misses));
        Assert.Null(shard.Get("b"));
        shard.Set("c", [3]);
        Assert.Equal([3], shard.Get("c"));
    }

    [Fact]
    public void StatsCountHitsMissesEvictionsAndExpirationsAndTheHitRate()
    {
        var shard = ThreeEntryShard("lru");
        Fill(shard, "k1", "k2", "k3", "k4");
        Read(shard, "k4", 3);
        shard.Get("k1");
        shard.Set("short", [1], TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(2));
        shard.Get("short");

        var stats = shard.Stats;

        Assert.Equal(3, stats.Hits);
        Assert.Equal(2, stats.Misses);
        Assert.Equal(0.6, stats.HitRate, 10);
        Assert.Equal(2, stats.Evictions);
        Assert.Equal(1, stats.Expirations);
        Assert.Equal(shard.MaxBytes, stats.MaxBytes);
        Assert.Equal(0, new CacheStats(0, 0, 0, 0, 0, 0, 0).HitRate);
    }

    [Fact]
    public void EachOperationRemovesOnlyABoundedNumberOfExpiredEntries()
    {
        var shard = Shard(expiredPerOperation: 4);
        for (var i = 0; i < 1000; i++)
        {
            shard.Set($"k{i}", [1], TimeSpan.FromSeconds(1));
        }

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(shard.Get("absent"));
        Assert.Equal(996, shard.Count);
        shard.Set("fresh", [1]);
        Assert.Equal(993, shard.Count);
        Assert.Equal(100, shard.RemoveExpired(100));
        Assert.Equal(893, shard.Count);
        Assert.Equal(892, shard.RemoveExpired(10_000));
        Assert.Equal(1, shard.Count);
        Assert.Equal(1000, shard.Stats.Expirations);
        Assert.Equal(Charged("fresh", 1), shard.Bytes);
    }

    [Fact]
    public void TheSweepRemovesExpiredEntriesQueuedBehindHotKeysSetAgainEverySecond()
    {
        // Only the sweep removes expired entries here; each second re-sets 2,000 hot keys (10 s TTL) and adds 10 keys
        // set once: the sweep must get past the hot keys' old places in the queue to reach the expired ones.
        var shard = Shard(maxMemory: "100MB", expiredPerOperation: 0);
        var ttl = TimeSpan.FromSeconds(10);
        for (var second = 0; second < 120; second++)
        {
            for (var hot = 0; hot < 2_000; hot++)
            {
                shard.Set($"hot{hot}", [1], ttl);
            }

            for (var once = 0; once < 10; once++)
            {
                shard.Set($"once{second}-{once}", [1], ttl);
            }

            shard.RemoveExpired(1_000);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // Held: the hot keys and at most the last 10 seconds of keys set once.
        Assert.InRange(shard.Count, 2_000, 2_000 + (11 * 10));
    }

    [Fact]
    public void ExpiredEntriesLeaveSoonestFirstAndLiveOnesStay()
    {
        var shard = Shard(expiredPerOperation: 0);
        foreach (var seconds in new[] { 5, 1, 4, 2, 3 })
        {
            shard.Set($"k{seconds}", [1], TimeSpan.FromSeconds(seconds));
        }

        _time.Advance(TimeSpan.FromSeconds(3.5));

        Assert.Equal(2, shard.RemoveExpired(2));
        Assert.NotNull(Peek(shard, "k3"));
        Assert.Equal(1, shard.RemoveExpired(10));
        Assert.Null(Peek(shard, "k3"));
        Assert.NotNull(Peek(shard, "k4"));
        Assert.NotNull(Peek(shard, "k5"));
    }

    [Fact]
    public void ACompressibleValueAboveTheThresholdIsStoredSmallerAndReadBackUnchanged()
    {
        var shard = Shard(compressAbove: 64);
        var value = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"symbol\":\"BTCUSDT\",\"price\":\"97000.10\"}", 200)));

        shard.Set("prices", value);

        Assert.True(shard.Bytes < Charged("prices", value.Length / 10));
        Assert.Equal(value, shard.Get("prices"));
    }

    [Fact]
    public void AValueAtOrBelowTheThresholdOrThatDoesNotShrinkIsStoredAsItIs()
    {
        var shard = Shard(compressAbove: 64);
        var random = new byte[1024];
        new Random(3).NextBytes(random);

        shard.Set("small", new byte[64]);
        shard.Set("random", random);

        Assert.Equal(Charged("small", 64) + Charged("random", 1024), shard.Bytes);
        Assert.Equal(random, shard.Get("random"));
        Assert.Equal(new byte[64], shard.Get("small"));
    }

    [Fact]
    public void ANonPositiveTtlIsRefused()
    {
        var shard = Shard();

        Assert.Throws<ArgumentOutOfRangeException>(() => shard.Set("k", [1], TimeSpan.Zero));
        Assert.Equal(0, shard.Count);
    }

    [Fact]
    public void ResizingBelowWhatIsHeldEvictsDownToTheNewBudget()
    {
        var shard = Shard();
        for (var i = 1; i <= 9; i++)
        {
            shard.Set($"k{i}", new byte[100]);
        }

        shard.Resize(3 * SmallEntry);

        Assert.Equal((3, 6L, 3 * SmallEntry), (shard.Count, shard.Stats.Evictions, shard.BudgetBytes));
        Assert.Null(shard.Get("k1"));
        Assert.NotNull(shard.Get("k9"));
        Assert.Equal(0, shard.Set("big", new byte[4 * SmallEntry]));
    }

    /// <summary>What docs/CACHE.md says an entry costs: 2 bytes per key character, the stored value, and 160 bytes.</summary>
    private static long Charged(string key, int storedLength) => (2 * key.Length) + storedLength + 160;

    private CacheShard Shard(string policy = "lru", string maxMemory = "1MB", int compressAbove = 0, int expiredPerOperation = 4) =>
        new(new CacheOptions
        {
            Shards = 1,
            MaxMemory = maxMemory,
            EvictionPolicy = policy,
            CompressionThresholdBytes = compressAbove,
            ExpiredPerOperation = expiredPerOperation,
        }, _time);

    private CacheShard ThreeEntryShard(string policy) => Shard(policy, maxMemory: (3 * SmallEntry).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static void Fill(CacheShard shard, params string[] keys)
    {
        foreach (var key in keys)
        {
            Assert.True(shard.Set(key, new byte[100]) > 0);
        }
    }

    private static void Read(CacheShard shard, string key, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.NotNull(shard.Get(key));
        }
    }

    /// <summary>The keys k1..k9 the shard holds, found without touching them (a read would change LRU/LFU order).</summary>
    private static string[] Present(CacheShard shard) =>
        Enumerable.Range(1, 9).Select(i => $"k{i}").Where(key => Peek(shard, key) is not null).ToArray();

    private static byte[]? Peek(CacheShard shard, string key) => shard.PeekHeld(key);
}
