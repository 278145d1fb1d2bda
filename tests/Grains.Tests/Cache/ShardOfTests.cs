using OrleansBots.Cache;
using OrleansBots.Tests.Quotas;

namespace OrleansBots.Tests.Cache;

public sealed class ShardOfTests
{
    [Fact]
    public void AKeyMapsToTheSameShardInEveryProcess()
    {
        // Fixed numbers: a hash that changed between processes or versions (string.GetHashCode) would not give them.
        Assert.Equal(ShardedCache.ShardOf("price:BTCUSDT", 64), ShardedCache.ShardOf(new string("price:BTCUSDT".ToCharArray()), 64));
        Assert.Equal(Golden.BtcUsdt, ShardedCache.ShardOf("price:BTCUSDT", 64));
        Assert.Equal(Golden.User42, ShardedCache.ShardOf("cooldown:user-42", 64));
        Assert.Equal(Golden.Unicode, ShardedCache.ShardOf("prix:€→₿", 64));
    }

    [Fact]
    public void KeysSpreadEvenlyOverTheShards()
    {
        var perShard = new int[64];
        for (var i = 0; i < 64_000; i++)
        {
            perShard[ShardedCache.ShardOf($"user-{i}:quota", 64)]++;
        }

        Assert.All(perShard, count => Assert.InRange(count, 800, 1200));
    }

    [Fact]
    public void ALongKeyIsHashedLikeAShortOne()
    {
        var key = new string('x', 10_000);

        Assert.InRange(ShardedCache.ShardOf(key, 64), 0, 63);
        Assert.Equal(ShardedCache.ShardOf(key, 64), ShardedCache.ShardOf(key, 64));
    }

    private static class Golden
    {
        public const int BtcUsdt = 11;
        public const int User42 = 13;
        public const int Unicode = 41;
    }
}
