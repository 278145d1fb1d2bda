namespace OrleansBots.Cache;

/// <summary>
/// One stored value and its bookkeeping. The fields the eviction policy and the expiry queue keep here let
/// them find the entry's place in their own structures in O(1), without a lookup of their own.
/// </summary>
public sealed class CacheEntry
{
    internal CacheEntry(string key) => Key = key;

    public string Key { get; }

    /// <summary>Bytes charged against the shard's budget: key, stored value and <see cref="CacheShard.EntryOverheadBytes"/>.</summary>
    public long Size { get; internal set; }

    public DateTimeOffset ExpiresAt { get; internal set; }

    /// <summary>The version the shard gave the value when it was set (<see cref="CacheShard.Set"/>).</summary>
    public long Version { get; internal set; }

    /// <summary>The value as stored: compressed when <see cref="Compressed"/>.</summary>
    internal byte[] Stored { get; set; } = [];

    internal bool Compressed { get; set; }

    /// <summary>
    /// The answer to a read, made once per set and handed to every reader until the next set: reads of a hot key
    /// then allocate nothing (uncompressed values only; a compressed one is decompressed per read).
    /// </summary>
    internal CachedValue? Answer { get; set; }

    /// <summary>The value's length as the caller gave it.</summary>
    internal int Length { get; set; }

    /// <summary>The entry before this one in the policy's order (LRU, FIFO) or in its use-count bucket (LFU): an <see cref="EntryList"/>.</summary>
    internal CacheEntry? Previous { get; set; }

    /// <summary>The entry after this one in its <see cref="EntryList"/>.</summary>
    internal CacheEntry? Next { get; set; }

    /// <summary>The LFU use-count bucket the entry is in.</summary>
    internal LinkedListNode<UseCountBucket>? Bucket { get; set; }

    /// <summary>The entry's position in the expiry queue; -1 when it is not queued.</summary>
    internal int ExpiryIndex { get; set; } = -1;

    /// <summary>The expiry (UTC ticks) the expiry queue orders the entry by: never later than <see cref="ExpiresAt"/>.</summary>
    internal long QueuedTicks { get; set; }
}
