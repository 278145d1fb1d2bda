using OrleansBots.Bots;

namespace OrleansBots.Roster;

/// <summary>
/// One slice of the platform's roster (key: the shard number, 0 to <see cref="ShardCount"/> − 1): the users whose id
/// hashes to it, and pre-aggregated statistics of those users (bots by lifecycle state, trades today). A change of
/// one user writes only its shard's slice; statistics add up the shards.
/// </summary>
[Alias("OrleansBots.IRosterShardGrain")]
public interface IRosterShardGrain : IGrainWithIntegerKey
{
    /// <summary>How many shards there are. Fixed: a user's shard is a stable hash of their id, stored under it.</summary>
    public const int ShardCount = 64;

    /// <summary>Lists the user; completes once the slice is stored.</summary>
    [Alias("UserAdded")]
    Task UserAdded(string userId);

    /// <summary>Unlists the deleted user and takes their trades of <paramref name="tradesDay"/> out of the day's count; completes once stored.</summary>
    [Alias("UserRemoved")]
    Task UserRemoved(string userId, DateOnly tradesDay, int tradesToday);

    /// <summary><paramref name="count"/> trades of a user of this shard, on <paramref name="day"/> (UTC).</summary>
    [Alias("TradesCounted"), OneWay]
    Task TradesCounted(DateOnly day, int count);

    /// <summary>A bot of a user of this shard went from <paramref name="from"/> (null: it was just created) to <paramref name="to"/>.</summary>
    [Alias("BotMoved"), OneWay]
    Task BotMoved(BotStatus? from, BotStatus to);

    /// <summary>A bot of a user of this shard that was in <paramref name="from"/> was deleted.</summary>
    [Alias("BotRemoved"), OneWay]
    Task BotRemoved(BotStatus from);

    /// <summary>At most <paramref name="limit"/> user ids of this shard after <paramref name="after"/> (null: from the first), in ordinal order.</summary>
    [Alias("GetUserIds"), ReadOnly]
    Task<IReadOnlyList<string>> GetUserIds(string? after, int limit);

    [Alias("GetSummary"), ReadOnly]
    Task<RosterShardSummary> GetSummary();
}
