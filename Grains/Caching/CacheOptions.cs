using System.Globalization;

namespace OrleansBots.Caching;

/// <summary>The distributed cache. Bound from the <c>Cache</c> configuration section (e.g. <c>Cache__MaxMemory=100MB</c>).</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>Number of shard grains the keys are spread over. Every silo and client must agree on it.</summary>
    public int Shards { get; set; } = 64;

    /// <summary>Time to live of an entry set without one.</summary>
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromSeconds(600);

    /// <summary>
    /// Byte budget of the whole cache, split evenly across the shards: a number with an optional unit,
    /// <c>B</c>, <c>KB</c>, <c>MB</c>, <c>GB</c> (powers of 1024) or <c>K</c>, <c>M</c>, <c>G</c> (powers of 1000).
    /// </summary>
    public string MaxMemory { get; set; } = "100MB";

    /// <summary>Which entry leaves first when a shard is over budget: <c>lru</c>, <c>lfu</c> or <c>fifo</c>.</summary>
    public string EvictionPolicy { get; set; } = "lru";

    /// <summary>Values longer than this many bytes are stored Brotli-compressed when that makes them smaller; 0 turns compression off.</summary>
    public int CompressionThresholdBytes { get; set; }

    /// <summary>How many expired entries one get or set may remove on the side (the bound on its extra work).</summary>
    public int ExpiredPerOperation { get; set; } = 4;

    /// <summary>How often a shard removes expired entries that nobody reads.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many expired entries one sweep removes at most (the bound on its pause).</summary>
    public int ExpiredPerSweep { get; set; } = 1000;

    /// <summary><see cref="MaxMemory"/> in bytes.</summary>
    public long MaxMemoryBytes => ParseBytes(MaxMemory);

    /// <summary>The byte budget of one shard.</summary>
    public long ShardBudgetBytes => MaxMemoryBytes / Shards;

    public string? Validate()
    {
        if (Shards is < 1 or > 65536)
        {
            return $"Cache:Shards must be between 1 and 65536 (got {Shards})";
        }

        if (DefaultTtl <= TimeSpan.Zero || ExpirySweepInterval <= TimeSpan.Zero)
        {
            return "Cache:DefaultTtl and Cache:ExpirySweepInterval must be positive";
        }

        if (!TryParseBytes(MaxMemory, out var bytes) || bytes < Shards)
        {
            return $"Cache:MaxMemory must be a size such as 100MB, at least one byte per shard (got '{MaxMemory}')";
        }

        if (!EvictionPolicies.IsKnown(EvictionPolicy))
        {
            return $"Cache:EvictionPolicy must be lru, lfu or fifo (got '{EvictionPolicy}')";
        }

        return CompressionThresholdBytes < 0 || ExpiredPerOperation < 0 || ExpiredPerSweep < 1
            ? "Cache:CompressionThresholdBytes and Cache:ExpiredPerOperation must not be negative, Cache:ExpiredPerSweep must be positive"
            : null;
    }

    /// <summary>Reads a size such as <c>100MB</c>, <c>512KB</c>, <c>2G</c> or <c>4096</c>.</summary>
    public static long ParseBytes(string text) =>
        TryParseBytes(text, out var bytes) ? bytes : throw new FormatException($"'{text}' is not a size such as 100MB");

    public static bool TryParseBytes(string? text, out long bytes)
    {
        bytes = 0;
        var trimmed = text?.Trim() ?? "";
        var unitStart = trimmed.Length;
        while (unitStart > 0 && char.IsLetter(trimmed[unitStart - 1]))
        {
            unitStart--;
        }

        long? multiplier = trimmed[unitStart..].ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" => 1000,
            "KB" => 1L << 10,
            "M" => 1000_000,
            "MB" => 1L << 20,
            "G" => 1000_000_000,
            "GB" => 1L << 30,
            _ => null,
        };
        if (multiplier is null
            || !decimal.TryParse(trimmed[..unitStart].TrimEnd(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || number * multiplier.Value > long.MaxValue)
        {
            return false;
        }

        bytes = (long)(number * multiplier.Value);
        return true;
    }
}
