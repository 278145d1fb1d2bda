namespace OrleansBots.Feeds;

/// <summary>The last <c>capacity</c> keys seen, to drop an item delivered twice (a feed replaying after a reconnect). Not thread-safe.</summary>
public sealed class RecentKeys(int capacity)
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>Remembers <paramref name="key"/>; false when it was seen already.</summary>
    public bool Add(string key)
    {
        if (!_keys.Add(key))
        {
            return false;
        }

        _order.Enqueue(key);
        if (_order.Count > capacity)
        {
            _keys.Remove(_order.Dequeue());
        }

        return true;
    }
}
