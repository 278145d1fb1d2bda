namespace OrleansBots.Cache;

/// <summary>
/// The entries by expiry time: a binary min-heap in which each entry knows its position, so adding and removing an
/// entry are O(log n) and leave no stale items behind. Each entry sits at the expiry it was queued with
/// (<see cref="CacheEntry.QueuedTicks"/>), never later than its own: a set that moves an entry's expiry later (the common
/// case, every set of a key with the same TTL) leaves the heap as it is, O(1), and the entry moves down only when it
/// reaches the top unexpired, once per time it was queued for rather than once per set, within a budget the caller
/// gives (<see cref="Due"/>). A set that moves an expiry sooner moves the entry up at once.
/// </summary>
public sealed class ExpiryQueue
{
    private readonly List<CacheEntry> _heap = [];

    public int Count => _heap.Count;

    public void Add(CacheEntry entry)
    {
        entry.QueuedTicks = entry.ExpiresAt.UtcTicks;
        _heap.Add(entry);
        entry.ExpiryIndex = _heap.Count - 1;
        Up(entry.ExpiryIndex);
    }

    /// <summary>The entry's <see cref="CacheEntry.ExpiresAt"/> changed: moved up if it is now sooner than queued, else left.</summary>
    public void Changed(CacheEntry entry)
    {
        var expires = entry.ExpiresAt.UtcTicks;
        if (expires < entry.QueuedTicks)
        {
            entry.QueuedTicks = expires;
            Up(entry.ExpiryIndex);
        }
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
            Up(index);
            Down(index);
        }
    }

    /// <summary>
    /// An entry that has expired at <paramref name="now"/>, the soonest queued first, or null when none has. Entries at
    /// the top that were set again since are queued again at their expiry on the way, each taking one from
    /// <paramref name="requeueBudget"/>: null also when it runs out, and a later call goes on. The budget bounds a call's
    /// time when many entries that were set again reach their old expiry together.
    /// </summary>
    public CacheEntry? Due(DateTimeOffset now, ref int requeueBudget)
    {
        var nowTicks = now.UtcTicks;
        while (_heap.Count > 0 && _heap[0].QueuedTicks <= nowTicks)
        {
            var top = _heap[0];
            var expires = top.ExpiresAt.UtcTicks;
            if (expires <= nowTicks)
            {
                return top;
            }

            if (requeueBudget <= 0)
            {
                return null;
            }

            requeueBudget--;
            top.QueuedTicks = expires;
            Down(0);
        }

        return null;
    }

    public void Clear() => _heap.Clear();

    private void Up(int index)
    {
        var entry = _heap[index];
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (_heap[parent].QueuedTicks <= entry.QueuedTicks)
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

            if (child + 1 < _heap.Count && _heap[child + 1].QueuedTicks < _heap[child].QueuedTicks)
            {
                child++;
            }

            if (entry.QueuedTicks <= _heap[child].QueuedTicks)
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
