namespace OrleansBots.Feeds;

/// <summary>
/// Whether a feed lags: fewer than the threshold's items in the last minute, or no item for the silence limit (the
/// seed's "tokens/min &lt; 5 = feed lag"). A feed is judged only after it has been connected for a minute, so a fresh
/// connection does not alert. Not thread-safe.
/// </summary>
public sealed class FeedLag(int minItemsPerMinute, TimeSpan silence, TimeProvider time)
{
    private readonly MinuteWindow _items = new(time);
    private DateTimeOffset? _since;

    public DateTimeOffset? LastItemAt { get; private set; }

    public int ItemsLastMinute => _items.Count;

    /// <summary>The feed (re)connected: judged again a minute from now.</summary>
    public void Connected() => _since ??= time.GetUtcNow();

    public void Item()
    {
        _items.Add();
        LastItemAt = time.GetUtcNow();
    }

    public bool Lagging
    {
        get
        {
            var now = time.GetUtcNow();
            if (_since is not { } since || now - since < TimeSpan.FromMinutes(1))
            {
                return false;
            }

            var lastSign = LastItemAt ?? since;
            return _items.Count < minItemsPerMinute || now - lastSign > silence;
        }
    }
}
