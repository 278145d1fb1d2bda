namespace OrleansBots.Capacity;

/// <summary>
/// The lease changes of one durable write: the leases granted (or restored) and the bots whose lease was freed since
/// the previous write. Its size is the number of changes, never the number of running bots.
/// </summary>
public sealed record LeaseBatch(IReadOnlyList<LeaseRecord> Held, IReadOnlyList<string> Freed)
{
    public static readonly LeaseBatch Empty = new([], []);

    public bool IsEmpty => Held.Count == 0 && Freed.Count == 0;

    public int Count => Held.Count + Freed.Count;
}
