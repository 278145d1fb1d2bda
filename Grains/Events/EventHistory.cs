namespace OrleansBots.Events;

/// <summary>
/// A bot's recent events, numbered and bounded: each appended event gets the next number after
/// <paramref name="lastNumber"/>, and only the newest <paramref name="kept"/> stay, fewer when the silo's
/// <paramref name="budget"/> (all logs together) drops the oldest. Its log grain appends and reads; the budget may drop
/// its oldest event from another log's turn, so a lock guards it.
/// <para>
/// An event is kept as its draft and number in the log's own queue, not as a <see cref="BotEvent"/>: a reader gets
/// events made when it reads. Kept for minutes, each event object was copied by two young collections on its way to
/// gen 2 (a trade's two events were about a third of what a trade left behind), and died there.
/// </para>
/// </summary>
public sealed class EventHistory(string botId, int kept, long lastNumber, KeptEventsBudget? budget = null)
{
    private readonly Lock _gate = new();
    private readonly Queue<KeptEvent> _events = new();
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
                return [.. _events.Select(kept => kept.Numbered(botId))];
            }
        }
    }

    /// <summary>A history that goes on from <paramref name="events"/>, already numbered (a log that moved to another silo).</summary>
    public static EventHistory Continuing(string botId, int kept, long lastNumber, IEnumerable<BotEvent> events, KeptEventsBudget? budget = null)
    {
        var history = new EventHistory(botId, kept, lastNumber, budget);
        foreach (var numbered in events.TakeLast(kept))
        {
            history.Keep(numbered.Sequence, BotEventDraft.Of(numbered));
        }

        return history;
    }

    /// <summary>Numbers <paramref name="draft"/> and keeps it; returns its number (<see cref="BotEventDraft.Numbered"/> makes the event).</summary>
    public long Append(in BotEventDraft draft)
    {
        long sequence;
        lock (_gate)
        {
            sequence = ++_latest;
        }

        Keep(sequence, draft);
        return sequence;
    }

    /// <summary>
    /// The kept events after <paramref name="afterSequence"/>, oldest first; complete when none after it was dropped.
    /// A reader with nothing to resume asks after <see cref="long.MaxValue"/>: no events, and the number to go on from.
    /// </summary>
    public BotEventPage Since(long afterSequence)
    {
        lock (_gate)
        {
            var events = _events.Where(kept => kept.Sequence > afterSequence).Select(kept => kept.Numbered(botId)).ToList();
            var firstKept = _events.Count > 0 ? _events.Peek().Sequence : _latest + 1;
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
            return !_closed && _events.Count > 0 && sequence >= _events.Peek().Sequence;
        }
    }

    /// <summary>Drops the oldest event if it is the one numbered <paramref name="sequence"/>; returns its size, or null.</summary>
    internal int? DropOldestIf(long sequence)
    {
        lock (_gate)
        {
            return !_closed && _events.Count > 0 && _events.Peek().Sequence == sequence ? _events.Dequeue().Size : null;
        }
    }

    // The budget is told outside the lock: it takes this lock when it drops, and it may be dropping from here.
    private void Keep(long sequence, in BotEventDraft draft)
    {
        var size = budget is null ? 0 : KeptEventsBudget.SizeOf(botId, draft);
        var (dropped, droppedSize, counted) = (0, 0L, false);
        lock (_gate)
        {
            _events.Enqueue(new KeptEvent(sequence, draft, size));
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
            budget.Kept(this, sequence, size);
        }
    }

    private readonly record struct KeptEvent(long Sequence, BotEventDraft Draft, int Size)
    {
        public BotEvent Numbered(string botId) => Draft.Numbered(botId, Sequence);
    }
}
