namespace OrleansBots.Cache;

/// <summary>Where a <see cref="RelayQueue"/>'s batches go and what it tells about them: one other silo, seen from this one.</summary>
public interface IRelayRoute
{
    /// <summary>The cluster holds the silo for dead: a batch is not sent there.</summary>
    bool Gone { get; }

    /// <summary>Sends one batch to the silo's relay; the outcomes are in the order of <paramref name="shards"/>.</summary>
    Task<CacheRelayOutcome[]> SendAsync(int[] shards, CacheWrites[] writes);

    /// <summary>Sets one shard's keys in order by a call to the shard itself, wherever it is now (sets that were never stored).</summary>
    Task<CacheWriteReceipt> WriteDirectAsync(int shard, CacheWrites writes);

    /// <summary>A shard answered from <paramref name="silo"/>.</summary>
    void Located(int shard, SiloAddress silo);

    /// <summary>The silo is gone or a batch failed on the way: its shards are to be located again.</summary>
    void Unreachable();
}
