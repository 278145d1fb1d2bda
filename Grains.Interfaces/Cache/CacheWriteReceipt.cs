using Orleans.Runtime;

namespace OrleansBots.Cache;

/// <summary>
/// A shard's answer to <see cref="ICacheShardGrain.WriteMany"/>: the version each set was stored at (0 when refused), in
/// the order sent, and the silo the shard lives on, which tells a caller whether later sets can go through that silo's
/// <see cref="ICacheRelayService"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CacheWriteReceipt")]
public sealed record CacheWriteReceipt(
    [property: Id(0)] long[] Versions,
    [property: Id(1)] SiloAddress Silo);
