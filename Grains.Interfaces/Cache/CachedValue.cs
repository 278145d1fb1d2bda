namespace OrleansBots.Cache;

/// <summary>
/// A value read from a cache shard and when it expires. Immutable, and so is the array: Orleans passes it
/// to a caller in the same silo without a deep copy, and a per-silo near cache may keep it until
/// <see cref="ExpiresAt"/>. Neither a caller nor the shard may change <see cref="Value"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CachedValue")]
public sealed record CachedValue(
    [property: Id(0)] byte[] Value,
    [property: Id(1)] DateTimeOffset ExpiresAt);
