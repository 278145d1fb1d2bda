namespace OrleansBots.Cache;

/// <summary>
/// The entries by expiry time, soonest first: a binary min-heap in which each entry knows its position, so
/// adding, removing and re-timing an entry are O(log n) and leave no stale items behind.
/// </summary>
public sealed class ExpiryQueue
{
    private readonly List<CacheEntry> _heap = [];

    public int Count => _heap.Count;

    public void Add(CacheEntry entry)
    {
        _heap.Add(entry);
        entry.ExpiryIndex = _heap.Count - 1;
        Up(entry.ExpiryIndex);
    }

    /// <summary>Puts the entry back in order after its <see cref="CacheEntry.ExpiresAt"/> changed.</summary>
    public void Changed(CacheEntry entry)
    {
        Up(entry.ExpiryIndex);
        Down(entry.ExpiryIndex);
    }

    public void Remove(CacheEntry entry)
    {
        var index = entry.ExpiryIndex;
        var last = _heap.Count - 1;
        if (index != last)
        {
            Place(_heap[last], index);
        }

        _heap.RemoveAt(last);
        entry.ExpiryIndex = -1;
        if (index < last)
        {
            Changed(_heap[index]);
        }
    }

    /// <summary>The entry that expires first, if it has expired at <paramref name="now"/>.</summary>
    public CacheEntry? Due(DateTimeOffset now) => _heap.Count > 0 && _heap[0].ExpiresAt <= now ? _heap[0] : null;

    public void Clear() => _heap.Clear();

    private void Up(int index)
    {
        var entry = _heap[index];
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (_heap[parent].ExpiresAt <= entry.ExpiresAt)
            {
                break;
            }

            Place(_heap[parent], index);
            index = parent;
        }

        Place(entry, index);
    }

    private void Down(int index)
    {
        var entry = _heap[index];
        while (true)
        {
            var child = (2 * index) + 1;
            if (child >= _heap.Count)
            {
                break;
            }

            if (child + 1 < _heap.Count && _heap[child + 1].ExpiresAt < _heap[child].ExpiresAt)
            {
                child++;
            }

            if (entry.ExpiresAt <= _heap[child].ExpiresAt)
            {
                break;
            }

            Place(_heap[child], index);
            index = child;
        }

        Place(entry, index);
    }

    private void Place(CacheEntry entry, int index)
    {
        _heap[index] = entry;
        entry.ExpiryIndex = index;
    }
}
