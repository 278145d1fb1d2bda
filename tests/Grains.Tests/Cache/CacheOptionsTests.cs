using OrleansBots.Cache;
using OrleansBots.Tests.Quotas;

namespace OrleansBots.Tests.Cache;

public sealed class CacheOptionsTests
{
    [Theory]
    [InlineData("100MB", 100L * 1024 * 1024)]
    [InlineData("512KB", 512L * 1024)]
    [InlineData("2GB", 2L * 1024 * 1024 * 1024)]
    [InlineData("2G", 2_000_000_000L)]
    [InlineData("250K", 250_000L)]
    [InlineData("1.5MB", 1_572_864L)]
    [InlineData(" 64 mb ", 64L * 1024 * 1024)]
    [InlineData("4096", 4096L)]
    [InlineData("10B", 10L)]
    public void ASizeIsReadWithItsUnit(string text, long bytes)
    {
        Assert.True(CacheOptions.TryParseBytes(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MB")]
    [InlineData("ten")]
    [InlineData("10XB")]
    [InlineData("-5MB")]
    [InlineData("99999999999GB")]
    public void ATextThatIsNotASizeIsRefused(string text)
    {
        Assert.False(CacheOptions.TryParseBytes(text, out _));
        Assert.Throws<FormatException>(() => CacheOptions.ParseBytes(text));
    }

    [Fact]
    public void TheDefaultsAreValidAndSplitOneHundredMegabytesOverSixtyFourShards()
    {
        var options = new CacheOptions();

        Assert.Null(CacheOptionsValidator.Problem(options));
        Assert.Equal(64, options.Shards);
        Assert.Equal(TimeSpan.FromSeconds(600), options.DefaultTtl);
        Assert.Equal("lru", options.EvictionPolicy);
        Assert.Equal(100L * 1024 * 1024 / 64, options.ShardBudgetBytes);
    }

    [Theory]
    [InlineData("EvictionPolicy", "Cache:EvictionPolicy")]
    [InlineData("MaxMemory", "Cache:MaxMemory")]
    [InlineData("Shards", "Cache:Shards")]
    [InlineData("DefaultTtl", "Cache:DefaultTtl")]
    [InlineData("NearCacheTtl", "Cache:NearCacheTtl")]
    [InlineData("NearCacheEntries", "Cache:NearCacheEntries")]
    public void AnInvalidSettingIsNamedInTheProblem(string setting, string named)
    {
        var options = new CacheOptions();
        switch (setting)
        {
            case "EvictionPolicy": options.EvictionPolicy = "random"; break;
            case "MaxMemory": options.MaxMemory = "lots"; break;
            case "Shards": options.Shards = 0; break;
            case "NearCacheTtl": options.NearCacheTtl = TimeSpan.FromSeconds(-1); break;
            case "NearCacheEntries": options.NearCacheEntries = 0; break;
            default: options.DefaultTtl = TimeSpan.Zero; break;
        }

        Assert.Contains(named, CacheOptionsValidator.Problem(options));
    }

    [Theory]
    [InlineData("LRU")]
    [InlineData("Lfu")]
    [InlineData("fifo")]
    public void PolicyNamesAreReadInAnyCase(string name)
    {
        Assert.Null(CacheOptionsValidator.Problem(new CacheOptions { EvictionPolicy = name }));
        Assert.NotNull(EvictionPolicies.Create(name));
    }
}
