namespace OrleansBots.Cache;

/// <summary>
/// A value read from a cache shard, when it expires, and its version: the one the shard gave the set that stored it,
/// larger for every later set of the shard (0 from a shard of a version before versions), so a per-silo near cache
/// can tell whether a read saw a local set of the key or a value from before it. Immutable, and so is the array:
/// Orleans passes it to a caller in the same silo without a deep copy, and a per-silo near cache may keep it until
/// <see cref="ExpiresAt"/>. Neither a caller nor the shard may change <see cref="Value"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CachedValue")]
public sealed record CachedValue(
    [property: Id(0)] byte[] Value,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] long Version);
