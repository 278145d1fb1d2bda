namespace OrleansBots.Cache;

/// <summary>
/// Decides which entry leaves a shard that is over its byte budget. The shard tells the policy about every
/// entry it adds, reads or overwrites, and removes; each call is O(1).
/// </summary>
public interface IEvictionPolicy
{
    void Added(CacheEntry entry);

    /// <summary>The entry was read, or overwritten with a new value.</summary>
    void Touched(CacheEntry entry);

    void Removed(CacheEntry entry);

    /// <summary>The entry to evict next other than <paramref name="spare"/> (the one being stored), or null when there is none.</summary>
    CacheEntry? Victim(CacheEntry? spare);

    void Clear();
}

/// <summary>The policies by their configuration names.</summary>
public static class EvictionPolicies
{
    public static bool IsKnown(string? name) => name?.ToLowerInvariant() is "lru" or "lfu" or "fifo";

    public static IEvictionPolicy Create(string name) => name.ToLowerInvariant() switch
    {
        "lru" => new LruPolicy(),
        "lfu" => new LfuPolicy(),
        "fifo" => new FifoPolicy(),
        _ => throw new ArgumentException($"Unknown eviction policy '{name}': use lru, lfu or fifo", nameof(name)),
    };
}
