using OrleansBots.Bots;

namespace OrleansBots.Roster;

/// <summary>
/// One roster shard's users (in ordinal order, so pages after a cursor cost the page) and its pre-aggregated
/// statistics: bots by state and its users' trades of the current UTC day. Not thread-safe: the roster shard grain calls it.
/// </summary>
public sealed class RosterSlice
{
    private readonly SortedSet<string> _userIds;
    private DayTrades _trades;

    private RosterSlice(IEnumerable<string> userIds, BotCounts bots, DateOnly tradesDay, int tradesToday)
    {
        _userIds = new SortedSet<string>(userIds, StringComparer.Ordinal);
        Bots = bots;
        _trades = new(tradesDay, tradesToday);
    }

    public BotCounts Bots { get; }

    public static RosterSlice Restore(RosterShardState saved) =>
        new(saved.UserIds, new BotCounts(saved.BotCounts, []), saved.TradesDay, saved.TradesToday);

    /// <summary>
    /// Shard <paramref name="shard"/>'s part of the roster stored as one record before the shards: the users that hash
    /// to it, and, for shard 0 only, the bot counts (their later transitions may land in any shard; the sum stays right).
    /// </summary>
    public static RosterSlice TakeOver(RosterState directory, int shard) => new(
        directory.UserIds.Where(id => RosterShards.ShardOf(id) == shard),
        shard == 0 ? new BotCounts(directory.BotCounts, directory.Bots.Values) : new BotCounts(new Dictionary<BotStatus, int>(), []),
        default,
        0);

    public int UserCount => _userIds.Count;

    public bool Add(string userId) => _userIds.Add(userId);

    /// <summary>Unlists a deleted user; their trades of <paramref name="tradesDay"/> leave the day's count with them.</summary>
    public bool Remove(string userId, DateOnly tradesDay, int tradesToday)
    {
        if (!_userIds.Remove(userId))
        {
            return false;
        }

        if (tradesDay == _trades.Day)
        {
            _trades = _trades with { Count = Math.Max(0, _trades.Count - tradesToday) };
        }

        return true;
    }

    /// <summary>Counts trades of <paramref name="day"/>; a new day starts the count again, trades of a past day are late and not counted.</summary>
    public void TradesCounted(DateOnly day, int count) => _trades = _trades.Plus(day, count);

    /// <summary>At most <paramref name="limit"/> user ids after <paramref name="after"/> (null: from the first), in ordinal order.</summary>
    public IReadOnlyList<string> After(string? after, int limit)
    {
        if (after is null)
        {
            return _userIds.Take(limit).ToList();
        }

        if (_userIds.Count == 0 || string.CompareOrdinal(after, _userIds.Max) >= 0)
        {
            return [];
        }

        return _userIds.GetViewBetween(after, _userIds.Max!).SkipWhile(id => id == after).Take(limit).ToList();
    }

    public RosterShardSummary Summary() => new(_userIds.Count, Bots.All(), _trades.Day, _trades.Count);

    public RosterShardState ToState() => new()
    {
        UserIds = [.. _userIds],
        BotCounts = Bots.Copy(),
        TradesDay = _trades.Day,
        TradesToday = _trades.Count,
        TookOverDirectory = true,
    };
}
