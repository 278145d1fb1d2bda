using OrleansBots.Bots;

namespace OrleansBots.Roster;

/// <summary>The stored slice of one roster shard: its users, its bot transitions by state, its users' trades of one day.</summary>
[GenerateSerializer, Alias("OrleansBots.RosterShardState")]
public sealed class RosterShardState
{
    [Id(0)] public List<string> UserIds { get; set; } = [];

    [Id(1)] public Dictionary<BotStatus, int> BotCounts { get; set; } = [];

    [Id(2)] public DateOnly TradesDay { get; set; }

    [Id(3)] public int TradesToday { get; set; }

    /// <summary>False until the shard has taken its slice of the roster stored before the shards (<see cref="RosterState"/>).</summary>
    [Id(4)] public bool TookOverDirectory { get; set; }
}
