using OrleansBots.Bots;

namespace OrleansBots.Roster;

/// <summary>The stored roster: user ids, and how many bots are in each lifecycle state.</summary>
[GenerateSerializer, Alias("OrleansBots.DirectoryState")]
public sealed class RosterState
{
    [Id(0)] public HashSet<string> UserIds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Each bot's last status, as rosters stored them before <see cref="BotCounts"/>: read once and turned into counts.</summary>
    [Id(1)] public Dictionary<string, BotStatus> Bots { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public Dictionary<BotStatus, int> BotCounts { get; set; } = [];
}
