using OrleansBots.Bots;

namespace OrleansBots.Roster;

/// <summary>
/// What one roster shard adds to the platform's statistics. <see cref="BotCounts"/> are the changes this shard saw
/// and may be negative in one shard (bots counted before the shards are in shard 0's counts); only their sum is a count.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.RosterShardSummary")]
public sealed record RosterShardSummary(
    [property: Id(0)] int Users,
    [property: Id(1)] IReadOnlyDictionary<BotStatus, int> BotCounts,
    [property: Id(2)] DateOnly TradesDay,
    [property: Id(3)] int TradesToday);
