using OrleansBots.Bots;

namespace OrleansBots.Platform;

[GenerateSerializer, Alias("OrleansBots.DirectoryState")]
public sealed class DirectoryState
{
    [Id(0)] public HashSet<string> UserIds { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, BotStatus> Bots { get; set; } = new(StringComparer.Ordinal);
}
