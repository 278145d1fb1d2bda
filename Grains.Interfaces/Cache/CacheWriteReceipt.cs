using Orleans.Runtime;

namespace OrleansBots.Cache;

/// <summary>
/// A shard's answer to <see cref="ICacheShardGrain.WriteMany"/>: the version each set was stored at (0 when refused), in
/// the order sent, and the silo the shard lives on, which tells a caller whether later sets can go through that silo's
/// <see cref="ICacheRelayService"/>. <see cref="Late"/>: the sets reached the shard after their deadline and none was
/// stored (<see cref="Versions"/> is empty), so the sender may send them again.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CacheWriteReceipt")]
public sealed record CacheWriteReceipt(
    [property: Id(0)] long[] Versions,
    [property: Id(1)] SiloAddress Silo,
    [property: Id(2)] bool Late = false);
