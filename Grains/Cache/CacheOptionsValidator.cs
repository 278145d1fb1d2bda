namespace OrleansBots.Cache;

/// <summary>Checks <see cref="CacheOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class CacheOptionsValidator : IValidateOptions<CacheOptions>
{
    public ValidateOptionsResult Validate(string? name, CacheOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>The first thing wrong with <paramref name="options"/>, or null.</summary>
    public static string? Problem(CacheOptions options)
    {
        if (options.Shards is < 1 or > 65536)
        {
            return $"Cache:Shards must be between 1 and 65536 (got {options.Shards})";
        }

        if (options.DefaultTtl <= TimeSpan.Zero || options.ExpirySweepInterval <= TimeSpan.Zero)
        {
            return "Cache:DefaultTtl and Cache:ExpirySweepInterval must be positive";
        }

        if (!CacheOptions.TryParseBytes(options.MaxMemory, out var bytes) || bytes < options.Shards)
        {
            return $"Cache:MaxMemory must be a size such as 100MB, at least one byte per shard (got '{options.MaxMemory}')";
        }

        if (!EvictionPolicies.IsKnown(options.EvictionPolicy))
        {
            return $"Cache:EvictionPolicy must be lru, lfu or fifo (got '{options.EvictionPolicy}')";
        }

        if (options.SizingInterval <= TimeSpan.Zero
            || options.ShrinkBelowHitRate is < 0 or > 1 || options.GrowAboveHitRate is < 0 or > 1 || options.ShrinkBelowHitRate > options.GrowAboveHitRate
            || options.MinBudgetFraction is <= 0 or > 1 || options.PressureBudgetFraction is <= 0 or > 1 || options.MemoryPressureThreshold is <= 0 or > 1
            || options.MinLookupsToResize < 1)
        {
            return "Cache sizing: SizingInterval and MinLookupsToResize must be positive, hit rates and fractions between 0 and 1, ShrinkBelowHitRate at most GrowAboveHitRate";
        }

        if (options.NearCacheTtl < TimeSpan.Zero || options.NearCacheTtl > TimeSpan.FromHours(1) || options.NearCacheEntries is < 1 or > 10_000_000)
        {
            return $"Cache:NearCacheTtl must be between 00:00:00 (off) and 01:00:00 and Cache:NearCacheEntries between 1 and 10000000 (got {options.NearCacheTtl}, {options.NearCacheEntries})";
        }

        return options.CompressionThresholdBytes < 0 || options.ExpiredPerOperation < 0 || options.ExpiredPerSweep < 1
            ? "Cache:CompressionThresholdBytes and Cache:ExpiredPerOperation must not be negative, Cache:ExpiredPerSweep must be positive"
            : null;
    }
}
