namespace OrleansBots.Cache;

/// <summary>Entries in one list, the next victim at its head: the common part of LRU and FIFO.</summary>
public abstract class OrderPolicy : IEvictionPolicy
{
    protected EntryList Order { get; } = new();

    public void Added(CacheEntry entry) => Order.AddLast(entry);

    public abstract void Touched(CacheEntry entry);

    public void Removed(CacheEntry entry) => Order.Remove(entry);

    public CacheEntry? Victim(CacheEntry? spare) => Order.FirstExcept(spare);

    public void Clear() => Order.Clear();
}

/// <summary>Least recently used leaves first: a read or an overwrite moves the entry to the back.</summary>
public sealed class LruPolicy : OrderPolicy
{
    public override void Touched(CacheEntry entry) => Order.MoveToLast(entry);
}

/// <summary>First in, first out: the oldest key leaves first, however often it is read or overwritten.</summary>
public sealed class FifoPolicy : OrderPolicy
{
    public override void Touched(CacheEntry entry)
    {
    }
}
