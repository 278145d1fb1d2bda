using OrleansBots.Bots;

namespace OrleansBots.Roster;

/// <summary>
/// How many bots are in each lifecycle state, kept by transitions (a bot leaves one state and enters another), so
/// reading and changing them costs the same with a hundred or a million bots. One roster shard keeps the transitions
/// it saw, so its own count of a state may fall below zero (the bot entered that state in another shard's counts);
/// <see cref="RosterTotals"/> adds the shards up. Not thread-safe: the roster shard grain calls it.
/// </summary>
public sealed class BotCounts
{
    private readonly Dictionary<BotStatus, int> _counts = [];

    public BotCounts(IReadOnlyDictionary<BotStatus, int> counts, IEnumerable<BotStatus> listed)
    {
        foreach (var (status, count) in counts)
        {
            _counts[status] = count;
        }

        foreach (var status in listed)
        {
            Moved(null, status);
        }
    }

    public void Moved(BotStatus? from, BotStatus to)
    {
        if (from is { } left)
        {
            Removed(left);
        }

        _counts[to] = _counts.GetValueOrDefault(to) + 1;
    }

    public void Removed(BotStatus from) => _counts[from] = _counts.GetValueOrDefault(from) - 1;

    /// <summary>Every state with its count, zero included.</summary>
    public IReadOnlyDictionary<BotStatus, int> All() => Enum.GetValues<BotStatus>().ToDictionary(s => s, s => _counts.GetValueOrDefault(s));

    public Dictionary<BotStatus, int> Copy() => new(_counts);
}
