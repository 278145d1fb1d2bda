using OrleansBots.Bots;

namespace OrleansBots.Roster;

/// <summary>
/// The list of users and bots of the platform (key <see cref="GlobalKey"/>), for operators' statistics.
/// Only lifecycle events reach it, never ticks or trades.
/// </summary>
[Alias("OrleansBots.IPlatformDirectoryGrain")]
public interface IRosterGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    [Alias("UserRegistered")]
    Task UserRegistered(string userId);

    [Alias("BotChanged"), OneWay]
    Task BotChanged(string botId, BotStatus status);

    [Alias("BotDeleted"), OneWay]
    Task BotDeleted(string botId);

    [Alias("GetUserIds"), ReadOnly]
    Task<IReadOnlyList<string>> GetUserIds();

    [Alias("GetBotCounts"), ReadOnly]
    Task<IReadOnlyDictionary<BotStatus, int>> GetBotCounts();
}
