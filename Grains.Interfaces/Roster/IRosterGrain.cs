using OrleansBots.Bots;

namespace OrleansBots.Roster;

/// <summary>
/// The platform's users and how many bots are in each lifecycle state (key <see cref="GlobalKey"/>), for operators'
/// statistics. Only lifecycle transitions reach it, never ticks or trades; it keeps counts, not a list of bots.
/// </summary>
[Alias("OrleansBots.IPlatformDirectoryGrain")]
public interface IRosterGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    [Alias("UserRegistered")]
    Task UserRegistered(string userId);

    /// <summary>A bot went from <paramref name="from"/> (null: it was just created) to <paramref name="to"/>.</summary>
    [Alias("BotMoved"), OneWay]
    Task BotMoved(BotStatus? from, BotStatus to);

    /// <summary>A bot that was in <paramref name="from"/> was deleted.</summary>
    [Alias("BotRemoved"), OneWay]
    Task BotRemoved(BotStatus from);

    [Alias("GetUserIds"), ReadOnly]
    Task<IReadOnlyList<string>> GetUserIds();

    [Alias("GetBotCounts"), ReadOnly]
    Task<IReadOnlyDictionary<BotStatus, int>> GetBotCounts();
}
