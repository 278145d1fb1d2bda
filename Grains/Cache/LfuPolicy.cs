namespace OrleansBots.Cache;

/// <summary>
/// Least frequently used leaves first; among entries used equally often, the one that reached that count
/// first. Entries sit in buckets of equal use count, kept in ascending order, so every step is O(1): a use
/// moves the entry to the neighbouring bucket. Counts do not age; TTLs bound how long a once-hot key stays.
/// </summary>
public sealed class LfuPolicy : IEvictionPolicy
{
    private readonly LinkedList<UseCountBucket> _buckets = new();

    public void Added(CacheEntry entry)
    {
        var first = _buckets.First;
        if (first is null || first.Value.Uses != 1)
        {
            first = _buckets.AddFirst(new UseCountBucket(1));
        }

        Join(entry, first);
    }

    public void Touched(CacheEntry entry)
    {
        var bucket = entry.Bucket!;
        var next = bucket.Next;
        if (next is null || next.Value.Uses != bucket.Value.Uses + 1)
        {
            next = _buckets.AddAfter(bucket, new UseCountBucket(bucket.Value.Uses + 1));
        }

        Leave(entry);
        Join(entry, next);
    }

    public void Removed(CacheEntry entry) => Leave(entry);

    public CacheEntry? Victim(CacheEntry? spare)
    {
        var fewest = _buckets.First;
        if (fewest is null)
        {
            return null;
        }

        // Buckets are never empty, so when the spared entry is alone in the first one, the next one has the victim.
        return fewest.Value.Entries.FirstExcept(spare) ?? fewest.Next?.Value.Entries.First;
    }

    public void Clear() => _buckets.Clear();

    private static void Join(CacheEntry entry, LinkedListNode<UseCountBucket> bucket)
    {
        bucket.Value.Entries.AddLast(entry);
        entry.Bucket = bucket;
    }

    private void Leave(CacheEntry entry)
    {
        var bucket = entry.Bucket!;
        bucket.Value.Entries.Remove(entry);
        if (bucket.Value.Entries.Count == 0)
        {
            _buckets.Remove(bucket);
        }

        entry.Bucket = null;
    }
}

/// <summary>The entries used exactly <see cref="Uses"/> times, in the order they reached that count.</summary>
public sealed class UseCountBucket(long uses)
{
    public long Uses { get; } = uses;

    public EntryList Entries { get; } = new();
}
