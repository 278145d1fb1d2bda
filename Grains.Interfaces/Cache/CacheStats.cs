namespace OrleansBots.Cache;

/// <summary>
/// Counters of one cache shard, or of all shards added together. <see cref="Bytes"/> is what the entries
/// are charged against the byte budget (<see cref="MaxBytes"/>): key, stored value and a fixed overhead.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CacheStats")]
public sealed record CacheStats(
    [property: Id(0)] long Entries,
    [property: Id(1)] long Bytes,
    [property: Id(2)] long MaxBytes,
    [property: Id(3)] long Hits,
    [property: Id(4)] long Misses,
    [property: Id(5)] long Evictions,
    [property: Id(6)] long Expirations)
{
    public static readonly CacheStats Empty = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>The byte budget in force now: at most <see cref="MaxBytes"/>, lower while a shard shrinks or sheds.</summary>
    [Id(7)]
    public long BudgetBytes { get; init; }

    /// <summary>Shards that run on a lowered budget because their silo is under memory pressure.</summary>
    [Id(8)]
    public int SheddingShards { get; init; }

    /// <summary>Hits over lookups, between 0 and 1; 0 before the first lookup.</summary>
    public double HitRate => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);

    /// <summary>The counters of many shards as one.</summary>
    public static CacheStats Sum(IEnumerable<CacheStats> shards) => shards.Aggregate(Empty, (total, shard) => total.Plus(shard));

    /// <summary>The counters of two shards as one.</summary>
    public CacheStats Plus(CacheStats other) => new(
        Entries + other.Entries,
        Bytes + other.Bytes,
        MaxBytes + other.MaxBytes,
        Hits + other.Hits,
        Misses + other.Misses,
        Evictions + other.Evictions,
        Expirations + other.Expirations)
    {
        BudgetBytes = BudgetBytes + other.BudgetBytes,
        SheddingShards = SheddingShards + other.SheddingShards,
    };
}
