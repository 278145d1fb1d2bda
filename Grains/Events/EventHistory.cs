namespace OrleansBots.Events;

/// <summary>
/// A bot's recent events, numbered and bounded: each appended event gets the next number after
/// <paramref name="lastNumber"/>, and only the newest <paramref name="kept"/> stay, fewer when the silo's
/// <paramref name="budget"/> (all logs together) drops the oldest. Its log grain appends and reads; the budget may drop
/// its oldest event from another log's turn, so a lock guards it.
/// </summary>
public sealed class EventHistory(int kept, long lastNumber, KeptEventsBudget? budget = null)
{
    private readonly Lock _gate = new();
    private readonly Queue<(BotEvent Event, int Size)> _events = new();
    private long _latest = lastNumber;

    // Set when the log is gone: its events no longer count, though they stay readable for its handover.
    private bool _closed;

    /// <summary>The number of the newest event (or the one a new history continues after).</summary>
    public long Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>The kept events, oldest first.</summary>
    public IReadOnlyList<BotEvent> Kept
    {
        get
        {
            lock (_gate)
            {
                return [.. _events.Select(kept => kept.Event)];
            }
        }
    }

    /// <summary>A history that goes on from <paramref name="events"/>, already numbered (a log that moved to another silo).</summary>
    public static EventHistory Continuing(int kept, long lastNumber, IEnumerable<BotEvent> events, KeptEventsBudget? budget = null)
    {
        var history = new EventHistory(kept, lastNumber, budget);
        foreach (var numbered in events.TakeLast(kept))
        {
            history.Keep(numbered);
        }

        return history;
    }

    /// <summary>Numbers <paramref name="draft"/>, an event of <paramref name="botId"/>, and keeps it.</summary>
    public BotEvent Append(string botId, in BotEventDraft draft)
    {
        BotEvent numbered;
        lock (_gate)
        {
            numbered = draft.Numbered(botId, _latest + 1);
            _latest = numbered.Sequence;
        }

        Keep(numbered);
        return numbered;
    }

    /// <summary>
    /// The kept events after <paramref name="afterSequence"/>, oldest first; complete when none after it was dropped.
    /// A reader with nothing to resume asks after <see cref="long.MaxValue"/>: no events, and the number to go on from.
    /// </summary>
    public BotEventPage Since(long afterSequence)
    {
        lock (_gate)
        {
            var events = _events.Select(kept => kept.Event).Where(e => e.Sequence > afterSequence).ToList();
            var firstKept = _events.Count > 0 ? _events.Peek().Event.Sequence : _latest + 1;
            var complete = afterSequence >= firstKept - 1;
            return new BotEventPage(events, complete, _latest);
        }
    }

    /// <summary>
    /// The log is going (deactivated): its events no longer count against the silo's budget, and the budget no longer
    /// drops them; they stay readable for a handover to another silo.
    /// </summary>
    public void Close()
    {
        int count;
        long size;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            (_closed, count, size) = (true, _events.Count, _events.Sum(kept => (long)kept.Size));
        }

        budget?.Released(count, size);
    }

    /// <summary>Whether the event numbered <paramref name="sequence"/> is still kept (events only leave from the oldest end).</summary>
    internal bool Keeps(long sequence)
    {
        lock (_gate)
        {
            return !_closed && _events.Count > 0 && sequence >= _events.Peek().Event.Sequence;
        }
    }

    /// <summary>Drops the oldest event if it is the one numbered <paramref name="sequence"/>; returns its size, or null.</summary>
    internal int? DropOldestIf(long sequence)
    {
        lock (_gate)
        {
            return !_closed && _events.Count > 0 && _events.Peek().Event.Sequence == sequence ? _events.Dequeue().Size : null;
        }
    }

    // The budget is told outside the lock: it takes this lock when it drops, and it may be dropping from here.
    private void Keep(BotEvent numbered)
    {
        var size = budget is null ? 0 : KeptEventsBudget.SizeOf(numbered);
        var (dropped, droppedSize, counted) = (0, 0L, false);
        lock (_gate)
        {
            _events.Enqueue((numbered, size));
            while (_events.Count > kept)
            {
                droppedSize += _events.Dequeue().Size;
                dropped++;
            }

            counted = !_closed;
        }

        if (budget is not null && counted)
        {
            budget.Released(dropped, droppedSize);
            budget.Kept(this, numbered.Sequence, size);
        }
    }
}
