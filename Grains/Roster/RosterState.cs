using OrleansBots.Bots;

namespace OrleansBots.Roster;

/// <summary>
/// The roster as one record stored it before the shards (grain <c>platformdirectory/global</c>, state <c>directory</c>):
/// every user id and the counts of bots by state. Never written again; each shard takes its slice of it once
/// (<see cref="RosterSlice.TakeOver"/>).
/// </summary>
[GenerateSerializer, Alias("OrleansBots.DirectoryState")]
public sealed class RosterState
{
    [Id(0)] public HashSet<string> UserIds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Each bot's last status, as rosters stored them before they kept counts.</summary>
    [Id(1)] public Dictionary<string, BotStatus> Bots { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public Dictionary<BotStatus, int> BotCounts { get; set; } = [];
}
