namespace OrleansBots.Cache;

/// <summary>
/// Cache entries in order, linked through the entries themselves (<see cref="CacheEntry.Previous"/>,
/// <see cref="CacheEntry.Next"/>): no node object per entry, and a move to the back touches the entry and its
/// neighbours only. An entry is in at most one list at a time; the policies keep track of which.
/// </summary>
public sealed class EntryList
{
    public CacheEntry? First { get; private set; }

    public CacheEntry? Last { get; private set; }

    public int Count { get; private set; }

    public void AddLast(CacheEntry entry)
    {
        entry.Previous = Last;
        entry.Next = null;
        if (Last is null)
        {
            First = entry;
        }
        else
        {
            Last.Next = entry;
        }

        Last = entry;
        Count++;
    }

    public void Remove(CacheEntry entry)
    {
        // An entry not linked here would unlink whatever its stale neighbours point to: fail instead, as LinkedList does.
        if (!ReferenceEquals(entry.Previous is null ? First : entry.Previous.Next, entry))
        {
            throw new InvalidOperationException($"The cache entry '{entry.Key}' is not in this list");
        }

        if (entry.Previous is null)
        {
            First = entry.Next;
        }
        else
        {
            entry.Previous.Next = entry.Next;
        }

        if (entry.Next is null)
        {
            Last = entry.Previous;
        }
        else
        {
            entry.Next.Previous = entry.Previous;
        }

        entry.Previous = null;
        entry.Next = null;
        Count--;
    }

    /// <summary>Moves an entry of this list to its back.</summary>
    public void MoveToLast(CacheEntry entry)
    {
        if (!ReferenceEquals(entry, Last))
        {
            Remove(entry);
            AddLast(entry);
        }
    }

    /// <summary>The first entry that is not <paramref name="spare"/>.</summary>
    public CacheEntry? FirstExcept(CacheEntry? spare) => ReferenceEquals(First, spare) ? First?.Next : First;

    /// <summary>Empties the list; the entries it held are dropped with it.</summary>
    public void Clear()
    {
        First = null;
        Last = null;
        Count = 0;
    }
}
