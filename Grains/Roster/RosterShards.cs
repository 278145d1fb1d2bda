using OrleansBots.Cache;

namespace OrleansBots.Roster;

/// <summary>
/// The roster as the platform uses it: a user belongs to the shard their id hashes to (the cache's stable hash), so
/// a change of one user reaches one shard grain; listing and statistics ask every shard at once.
/// </summary>
public static class RosterShards
{
    public static int ShardOf(string userId) => ShardedCache.ShardOf(userId, IRosterShardGrain.ShardCount);

    public static IRosterShardGrain Of(IGrainFactory grains, string userId) => grains.GetGrain<IRosterShardGrain>(ShardOf(userId));

    /// <summary>The first <paramref name="limit"/> user ids of the platform after <paramref name="after"/> (null: from the first), in ordinal order.</summary>
    public static async Task<IReadOnlyList<string>> UserIdsAfterAsync(IGrainFactory grains, string? after, int limit)
    {
        var slices = await Task.WhenAll(All(grains).Select(shard => shard.GetUserIds(after, limit)));
        return slices.SelectMany(ids => ids).Order(StringComparer.Ordinal).Take(limit).ToList();
    }

    public static async Task<RosterTotals> TotalsAsync(IGrainFactory grains, DateOnly today) =>
        RosterTotals.Of(await Task.WhenAll(All(grains).Select(shard => shard.GetSummary())), today);

    private static IEnumerable<IRosterShardGrain> All(IGrainFactory grains) =>
        Enumerable.Range(0, IRosterShardGrain.ShardCount).Select(shard => grains.GetGrain<IRosterShardGrain>(shard));
}
