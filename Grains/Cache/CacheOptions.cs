using System.Globalization;

namespace OrleansBots.Cache;

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

    /// <summary>
    /// How long a silo serves a value from its own near cache after reading it from its shard (never past the entry's
    /// own expiry); zero (the default) turns the near cache off. Writes made through another silo are seen up to this late.
    /// </summary>
    public TimeSpan NearCacheTtl { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// With the near cache on: a value read in the last quarter of its near TTL is read from its shard again in the
    /// background (once per key at a time), so a hot key's readers keep being served in the silo instead of all waiting
    /// for the shard when its copy ends. Values are never served older than <see cref="NearCacheTtl"/> either way.
    /// </summary>
    public bool NearCacheRefreshAhead { get; set; } = true;

    /// <summary>
    /// Sets for shards on another silo go there in one message per silo (to its <see cref="ICacheRelayService"/>, which
    /// calls the shards in-process) instead of one per set: those made while a batch is on its way leave together when
    /// it is answered. Off, each set is its own grain call.
    /// </summary>
    public bool RelaySets { get; set; } = true;

    /// <summary>How many values one silo's near cache holds at most (the hottest ones stay).</summary>
    public int NearCacheEntries { get; set; } = 10_000;

    /// <summary>How often each shard reconsiders its budget (hit rate, memory pressure).</summary>
    public TimeSpan SizingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A shard whose hit rate over the last interval is at least this grows its budget by 10 %, up to its share of MaxMemory.</summary>
    public double GrowAboveHitRate { get; set; } = 0.8;

    /// <summary>A shard whose hit rate over the last interval is below this shrinks its budget by 10 %.</summary>
    public double ShrinkBelowHitRate { get; set; } = 0.3;

    /// <summary>Fewer lookups than this in an interval say nothing about the hit rate: the budget stays.</summary>
    public int MinLookupsToResize { get; set; } = 100;

    /// <summary>A shard never shrinks below this fraction of its share of MaxMemory.</summary>
    public double MinBudgetFraction { get; set; } = 0.25;

    /// <summary>Under memory pressure every shard sheds to this fraction of its share of MaxMemory.</summary>
    public double PressureBudgetFraction { get; set; } = 0.5;

    /// <summary>The silo is under memory pressure when the GC's memory load is above this fraction of the memory it may use.</summary>
    public double MemoryPressureThreshold { get; set; } = 0.85;

    /// <summary><see cref="MaxMemory"/> in bytes.</summary>
    public long MaxMemoryBytes => ParseBytes(MaxMemory);

    /// <summary>The byte budget of one shard.</summary>
    public long ShardBudgetBytes => MaxMemoryBytes / Shards;

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
