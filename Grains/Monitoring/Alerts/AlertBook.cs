namespace OrleansBots.Monitoring.Alerts;

/// <summary>
/// The once-per-crossing rule, per key (rule and scope): a value over its threshold fires, then the key stays
/// quiet for the cooldown whether the value stays over or falls and crosses again; after the cooldown a value
/// still (or again) over fires once more. Not thread-safe: one owner calls it.
/// </summary>
public sealed class AlertBook(TimeSpan cooldown, TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> _lastFired = new(StringComparer.Ordinal);

    public int Count => _lastFired.Count;

    /// <summary>Returns true when the key fires now.</summary>
    public bool Observe(string key, bool over)
    {
        var now = time.GetUtcNow();
        if (!over)
        {
            // Once its cooldown is over, a key that is not over holds nothing worth keeping.
            if (_lastFired.TryGetValue(key, out var fired) && now - fired >= cooldown)
            {
                _lastFired.Remove(key);
            }

            return false;
        }

        if (_lastFired.TryGetValue(key, out var last) && now - last < cooldown)
        {
            return false;
        }

        _lastFired[key] = now;
        return true;
    }
}
