using OrleansBots.Bots;

namespace OrleansBots.Roster;

/// <summary>The platform's statistics from its roster: the shards' pre-aggregated numbers added up.</summary>
public sealed record RosterTotals(int Users, IReadOnlyDictionary<BotStatus, int> Bots, int TradesToday)
{
    /// <summary>
    /// Adds up <paramref name="shards"/>; trades count only from shards whose day is <paramref name="today"/>. A state's
    /// sum never shows below zero (a lost one-way notification only skews it).
    /// </summary>
    public static RosterTotals Of(IEnumerable<RosterShardSummary> shards, DateOnly today)
    {
        var (users, trades) = (0, 0);
        var bots = Enum.GetValues<BotStatus>().ToDictionary(s => s, _ => 0);
        foreach (var shard in shards)
        {
            users += shard.Users;
            trades += shard.TradesDay == today ? shard.TradesToday : 0;
            foreach (var (status, count) in shard.BotCounts)
            {
                bots[status] += count;
            }
        }

        return new RosterTotals(users, bots.ToDictionary(pair => pair.Key, pair => Math.Max(0, pair.Value)), trades);
    }
}
