namespace OrleansBots.Benchmarks;

/// <summary>The baseline: a textbook LRU of integer keys holding at most <c>capacity</c> entries.</summary>
public sealed class PlainLru(int capacity)
{
    private readonly Dictionary<int, LinkedListNode<int>> _nodes = new(capacity);
    private readonly LinkedList<int> _recency = new();

    /// <summary>Looks <paramref name="key"/> up; on a miss stores it (cache-aside). True on a hit.</summary>
    public bool Access(int key)
    {
        if (_nodes.TryGetValue(key, out var node))
        {
            _recency.Remove(node);
            _recency.AddLast(node);
            return true;
        }

        if (_nodes.Count >= capacity && _recency.First is { } oldest)
        {
            _recency.RemoveFirst();
            _nodes.Remove(oldest.Value);
        }

        _nodes[key] = _recency.AddLast(key);
        return false;
    }
}
