namespace OrleansBots.Cache;

/// <summary>Where a <see cref="RelayQueue"/>'s batches go and what it tells about them: one other silo, seen from this one.</summary>
public interface IRelayRoute
{
    /// <summary>Sends one batch to the silo's relay; the outcomes are in the order of <paramref name="shards"/>.</summary>
    Task<CacheRelayOutcome[]> SendAsync(int[] shards, CacheWrites[] writes);

    /// <summary>Sets one key in its shard directly, wherever the shard is now (a set whose batch the silo refused).</summary>
    Task<long> WriteDirectAsync(int shard, string key, byte[] value, TimeSpan? ttl);

    /// <summary>A shard answered from <paramref name="silo"/>.</summary>
    void Located(int shard, SiloAddress silo);

    /// <summary>A batch could not reach the silo's relay: its shards are to be located again.</summary>
    void Unreachable();
}
