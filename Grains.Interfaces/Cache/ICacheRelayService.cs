using Orleans.Services;

namespace OrleansBots.Cache;

/// <summary>
/// A service on every silo that passes sets on to the cache shards living on it: a silo sends the sets it has for
/// another silo's shards in one message to that silo's relay instead of one per set, and the relay calls each shard
/// there in-process, once per shard. Sets of one batch run concurrently, as separate calls would.
/// </summary>
[Alias("OrleansBots.ICacheRelayService")]
public interface ICacheRelayService : IGrainService
{
    /// <summary>
    /// Writes each shard's sets (<see cref="ICacheShardGrain.WriteMany"/>); the outcomes are in the order of
    /// <paramref name="shards"/>. Nothing is stored after <paramref name="deadline"/> (UTC), whether the batch arrives or
    /// reaches a shard later: those shards answer <see cref="CacheWriteReceipt.Late"/>, and the sender, if it still waits,
    /// sends their sets again itself (after it gave up, its callers were told the sets failed).
    /// </summary>
    [Alias("Write")]
    Task<CacheRelayOutcome[]> Write(int[] shards, CacheWrites[] writes, DateTime deadline);
}
