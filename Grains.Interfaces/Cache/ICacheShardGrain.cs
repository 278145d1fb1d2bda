using Orleans.CodeGeneration;
using OrleansBots.Quotas;

namespace OrleansBots.Cache;

/// <summary>
/// One shard of the distributed cache; the key is the shard number, from 0 to the configured shard count.
/// Callers do not pick shards themselves: the cache router maps each key to its shard by a stable hash.
/// Values are opaque bytes; a missing or expired key reads as null. Values cross the call as they are, never
/// deep-copied ([Immutable] on the value set, <see cref="CachedValue"/> on the value read): in the silo a caller
/// gets the stored array itself, so neither a caller nor the shard may change an array once it was set or read.
/// Version 1 added <see cref="Write"/>, version 2 <see cref="WriteMany"/>: Orleans sends a caller of a version to a shard
/// of that version or later.
/// </summary>
[Alias("OrleansBots.ICacheShardGrain"), Version(2)]
public interface ICacheShardGrain : IGrainWithIntegerKey
{
    /// <summary>The value stored under <paramref name="key"/> and when it expires, or null when it is missing or expired. Counts a hit or a miss.</summary>
    [Alias("Get")]
    Task<CachedValue?> Get(string key);

    /// <summary>
    /// Stores <paramref name="value"/> for <paramref name="ttl"/> (the configured default when null), evicting
    /// other entries by the eviction policy if the shard's byte budget needs room. False when the entry alone
    /// is larger than the shard's budget: then nothing is stored and an older value of the key is removed.
    /// </summary>
    [Alias("Set")]
    Task<bool> Set(string key, [Immutable] byte[] value, TimeSpan? ttl);

    /// <summary>
    /// <see cref="Set"/>, answering with the version the value was stored at (<see cref="CachedValue.Version"/>: larger
    /// for every set of this shard), or 0 when it was refused; a near cache holds what it wrote only by it.
    /// </summary>
    [Alias("Write")]
    Task<long> Write(string key, [Immutable] byte[] value, TimeSpan? ttl);

    /// <summary>
    /// <see cref="Write"/> for each set in order, in one turn; the receipt also names the silo this shard lives on. Past
    /// <paramref name="deadline"/> (UTC; <see cref="DateTime.MaxValue"/> for none) nothing is stored and the receipt says
    /// <see cref="CacheWriteReceipt.Late"/>: a relayed batch that waited too long is never stored after its sender gave up.
    /// </summary>
    [Alias("WriteMany")]
    Task<CacheWriteReceipt> WriteMany(CacheWrites writes, DateTime deadline);

    /// <summary>Removes the key; false when it was not there.</summary>
    [Alias("Delete")]
    Task<bool> Delete(string key);

    /// <summary>Removes every entry of this shard; returns how many there were.</summary>
    [Alias("Clear")]
    Task<int> Clear();

    /// <summary>Removes the entries of this shard whose key starts with <paramref name="prefix"/> (ordinal); returns how many.</summary>
    [Alias("ClearPrefix")]
    Task<int> ClearPrefix(string prefix);

    [Alias("GetStats"), ReadOnly]
    Task<CacheStats> GetStats();

    /// <summary>
    /// Records one action of <paramref name="key"/> if <paramref name="rule"/> allows it now; otherwise records
    /// nothing and says which limit refused it and when to retry. Cooldown keys live apart from cached values
    /// (clearing the cache does not forget them) and leave once idle longer than the configured maximum.
    /// </summary>
    [Alias("TryAct")]
    Task<CooldownAnswer> TryAct(string key, CooldownRule rule);

    /// <summary>How many keys this shard tracks cooldowns and quotas for.</summary>
    [Alias("CountCooldownKeys"), ReadOnly]
    Task<int> CountCooldownKeys();
}
