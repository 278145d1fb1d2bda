namespace OrleansBots.Bots;

/// <summary>
/// The ticks due on a silo, earliest first. Scheduling a tick again or cancelling it leaves its older entry in place,
/// to be dropped when it comes up: removing it would search the queue (100,000 entries at full density). Thread-safe:
/// bots schedule from their activations while the <see cref="TickDriver"/> takes what is due.
/// </summary>
public sealed class TickSchedule
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<(ScheduledTick Tick, int Version), long> _queue = new();

    /// <summary>Entries waiting, cancelled and replaced ones included until they come up.</summary>
    public int Entries
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>The tick is due at <paramref name="due"/> (a <see cref="TimeProvider"/> timestamp), instead of any time it was due before.</summary>
    public void Schedule(ScheduledTick tick, long due)
    {
        lock (_lock)
        {
            tick.Version++;
            _queue.Enqueue((tick, tick.Version), due);
        }
    }

    /// <summary>The tick is not due any more, until it is scheduled again.</summary>
    public void Cancel(ScheduledTick tick)
    {
        lock (_lock)
        {
            tick.Version++;
        }
    }

    /// <summary>Moves the ticks due at or before <paramref name="now"/> into <paramref name="due"/>, earliest first; each is then not due any more.</summary>
    public void TakeDue(long now, List<ScheduledTick> due)
    {
        lock (_lock)
        {
            while (_queue.TryPeek(out var entry, out var at) && at <= now)
            {
                _queue.Dequeue();
                if (entry.Version == entry.Tick.Version)
                {
                    entry.Tick.Version++;
                    due.Add(entry.Tick);
                }
            }
        }
    }
}
