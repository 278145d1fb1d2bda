using OrleansBots.Bots;

namespace OrleansBots.Events;

/// <summary>
/// How much all the event logs of a silo keep together (<see cref="EventOptions.HistoryMegabytes"/>, estimated): past
/// it, the silo's oldest kept event goes first, whichever log it is in. A log keeps at most its own
/// <see cref="EventOptions.HistoryPerBot"/> as well, so a small installation keeps each bot's full count while
/// 100,000 trading bots keep their newest few and the silo's memory stays flat. A log that lost events this way tells a
/// resuming reader of the gap, as it does when its own bound dropped them. Thread-safe; one per silo.
/// </summary>
public sealed class KeptEventsBudget(long bytes)
{
    // What an event costs besides its payload's strings: its slot in its log, its payload record and the entries pointing at it.
    private const int EventOverhead = 192;

    private readonly Lock _gate = new();

    // Every kept event in the order it arrived, oldest first. Events a log's own bound dropped, and those of logs gone
    // (deactivated), stay here until they reach the front or the queue is swept.
    private readonly Queue<(EventHistory History, long Sequence)> _arrivals = new();
    private long _bytes;
    private int _events;

    /// <summary>The estimated size of every kept event of the silo.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Entries in the arrival order, kept events and ones already dropped: at most about twice the kept events.</summary>
    internal int ArrivalEntries
    {
        get
        {
            lock (_gate)
            {
                return _arrivals.Count;
            }
        }
    }

    /// <summary>
    /// The estimated bytes <paramref name="draft"/> holds kept as an event of <paramref name="botId"/>: its slot and
    /// payload, and the strings (UTF-16).
    /// </summary>
    public static int SizeOf(string botId, in BotEventDraft draft) => EventOverhead + 2 * (botId.Length
        + (draft.Signal is { } signal ? signal.Symbol.Length + signal.Kind.Length + signal.Message.Length : 0)
        + (draft.Trade is { } trade ? trade.TradeId.Length + trade.Symbol.Length : 0)
        + (draft.Reply is { } reply ? reply.Message.Length + reply.Text.Length : 0)
        + (draft.Lifecycle?.Reason?.Length ?? 0));

    /// <summary>
    /// <paramref name="history"/> keeps a new event; if the silo's logs are now over the budget, the oldest kept events
    /// are dropped from their logs. The caller holds no log's lock (dropping takes the lock of the log dropped from).
    /// </summary>
    internal void Kept(EventHistory history, long sequence, int size)
    {
        lock (_gate)
        {
            _arrivals.Enqueue((history, sequence));
            (_events, _bytes) = (_events + 1, _bytes + size);
            while (_bytes > bytes && _arrivals.TryDequeue(out var oldest))
            {
                if (oldest.History.DropOldestIf(oldest.Sequence) is { } dropped)
                {
                    (_events, _bytes) = (_events - 1, _bytes - dropped);
                }
            }

            SweepArrivals();
        }
    }

    /// <summary>Kept events left their log (its own bound, or the log is gone): they no longer count.</summary>
    internal void Released(int events, long size)
    {
        lock (_gate)
        {
            (_events, _bytes) = (_events - events, _bytes - size);
        }
    }

    // Once entries of dropped events outnumber the kept ones, the queue is rebuilt without them: linear, and at most once
    // per as many events kept as there are kept events.
    private void SweepArrivals()
    {
        if (_arrivals.Count <= 2 * _events + 1024)
        {
            return;
        }

        var kept = _arrivals.Where(entry => entry.History.Keeps(entry.Sequence)).ToList();
        _arrivals.Clear();
        foreach (var entry in kept)
        {
            _arrivals.Enqueue(entry);
        }
    }
}
