namespace OrleansBots.Capacity;

/// <summary>
/// Users' own limits of running bots (their <c>max_bots</c> override), so that admission needs nothing but the
/// bot and user ids. A user without one gets MAX_BOTS_PER_USER. Not thread-safe: the capacity grain calls it.
/// </summary>
public sealed class UserBotLimits
{
    private readonly Dictionary<string, int> _limits = new(StringComparer.Ordinal);

    public int Count => _limits.Count;

    /// <summary>Grows with every change, so that a writer can tell whether the limits changed since it last wrote.</summary>
    public long Version { get; private set; }

    /// <summary>The user's own limit, or null for the platform's default.</summary>
    public int? Of(string userId) => _limits.TryGetValue(userId, out var limit) ? limit : null;

    /// <summary>Sets (or, with null, removes) the user's own limit; returns the one it replaced.</summary>
    public int? Set(string userId, int? maxBots)
    {
        var before = Of(userId);
        Version++;
        if (maxBots is { } limit)
        {
            _limits[userId] = limit;
        }
        else
        {
            _limits.Remove(userId);
        }

        return before;
    }

    public void Restore(IReadOnlyDictionary<string, int> saved)
    {
        foreach (var (userId, limit) in saved)
        {
            _limits[userId] = limit;
        }
    }

    public Dictionary<string, int> Copy() => new(_limits, StringComparer.Ordinal);
}
