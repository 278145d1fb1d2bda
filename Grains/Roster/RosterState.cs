using OrleansBots.Bots;

namespace OrleansBots.Roster;

[GenerateSerializer, Alias("OrleansBots.DirectoryState")]
/// <summary>The stored roster: user ids, and each bot's last lifecycle status.</summary>
public sealed class RosterState
{
    [Id(0)] public HashSet<string> UserIds { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, BotStatus> Bots { get; set; } = new(StringComparer.Ordinal);
}
