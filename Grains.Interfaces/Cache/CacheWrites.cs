namespace OrleansBots.Cache;

/// <summary>
/// Sets of one shard sent in one call: the key at each index gets the value at that index for the TTL at that index
/// (the configured default when null). Immutable, like every value set: the arrays cross the call without a deep copy,
/// so no one may change them once sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CacheWrites")]
public sealed record CacheWrites(
    [property: Id(0)] string[] Keys,
    [property: Id(1)] byte[][] Values,
    [property: Id(2)] TimeSpan?[] Ttls);
