namespace OrleansBots.Bots;

/// <summary>
/// Bots' history in the silo's memory, without PostgreSQL, bounded twice: each bot keeps at most its last
/// <see cref="BotOptions.TradesKept"/> trades and <see cref="BotOptions.SignalsKept"/> signals and replies, and the
/// whole store at most <see cref="BotOptions.MemoryHistoryMegabytes"/> (estimated), beyond which the silo's oldest
/// items go first, whichever bot they belong to. So a silo's memory stays flat however long its bots trade, while a
/// small installation keeps every bot's full lists. Lost with the silo, like every in-memory state; a bot's history
/// stays on the silo where the bot wrote it. Thread-safe: one lock, held for a few list operations per call.
/// <para>
/// Items live in one ring in the order they arrived, and a bot's log holds only their positions (numbers, not
/// references). When a symbol's price crosses, thousands of bots trade within a second: written into each bot's own
/// list, every item marked a card of another old array, which the next young collection had to scan; written into
/// neighbouring slots of one ring, a burst's items share a few cards.
/// </para>
/// </summary>
public sealed class MemoryBotHistory(IOptions<BotOptions> options) : IBotHistory
{
    // What an item costs besides its strings: the record, its slot in the ring and its position in its log.
    private const int ItemOverhead = 128;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string BotId, HistoryKind Kind), Log> _logs = [];

    // Positions only grow: the slot of position p is _ring[p & (_ring.Length - 1)]. From _head (the oldest slot still
    // in the ring) to _tail (the next): stored items and the slots of items dropped since (a bot's bound, a deletion),
    // which leave when the head passes them or the ring is compacted (see Compact).
    private Slot[] _ring = new Slot[1024];
    private long _head;
    private long _tail;
    private long _bytes;
    private int _items;

    /// <summary>The estimated size of everything stored.</summary>
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

    /// <summary>How many items are stored, all bots and kinds together.</summary>
    public int Items
    {
        get
        {
            lock (_gate)
            {
                return _items;
            }
        }
    }

    /// <summary>Slots in the ring, stored items and ones already dropped: at most about twice <see cref="Items"/>.</summary>
    internal int ArrivalEntries
    {
        get
        {
            lock (_gate)
            {
                return (int)(_tail - _head);
            }
        }
    }

    private long Budget => options.Value.MemoryHistoryMegabytes * 1024L * 1024L;

    public Task AppendAsync(string botId, IReadOnlyList<HistoryItem> items)
    {
        lock (_gate)
        {
            // Indexed: a foreach over the interface boxed an enumerator per append. Items of one kind come together
            // (a trade and its signal alternate at most), so each run of a kind looks its log up once.
            Log? log = null;
            var kind = default(HistoryKind);
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (log is null || item.Kind != kind)
                {
                    Bound(log, kind);
                    (log, kind) = (LogOf(botId, item.Kind), item.Kind);
                }

                // A seq seen before is a retried save of the same item.
                if (log.Accepts(item.Seq))
                {
                    Store(log, item.Seq, item.Item);
                }
            }

            Bound(log, kind);
            while (_bytes > Budget && _head < _tail)
            {
                if (SlotAt(_head).Log is not null)
                {
                    Drop(_head);
                }

                _head++;
            }

            Compact();
        }

        return Task.CompletedTask;
    }

    public Task<HistoryPage<T>> ReadAsync<T>(string botId, HistoryKind kind, int limit, long? before)
    {
        lock (_gate)
        {
            if (!_logs.TryGetValue((botId, kind), out var log))
            {
                return Task.FromResult(new HistoryPage<T>([], null));
            }

            var end = before is { } seq ? LowerBound(log, seq) : log.Count;
            var start = Math.Max(0, end - limit);
            var page = new List<T>(end - start);
            for (var i = end - 1; i >= start; i--)
            {
                page.Add((T)SlotAt(log.PositionAt(i)).Item!);
            }

            return Task.FromResult(new HistoryPage<T>(page, start > 0 ? SlotAt(log.PositionAt(start)).Seq : null));
        }
    }

    public Task<HistorySince> ReadSinceAsync(string botId, HistoryCounts saved)
    {
        lock (_gate)
        {
            List<Trade> trades = [];
            var counts = new HistoryCounts(
                NewestSince(botId, HistoryKind.Trade, saved.Trades, trades),
                NewestSince(botId, HistoryKind.Signal, saved.Signals, null),
                NewestSince(botId, HistoryKind.Reply, saved.Replies, null));
            return Task.FromResult(new HistorySince(counts, trades));
        }
    }

    public Task DeleteAsync(string botId)
    {
        lock (_gate)
        {
            foreach (var kind in Enum.GetValues<HistoryKind>())
            {
                if (_logs.Remove((botId, kind), out var log))
                {
                    while (log.Count > 0)
                    {
                        Drop(log.Oldest);
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    private Log LogOf(string botId, HistoryKind kind)
    {
        if (!_logs.TryGetValue((botId, kind), out var log))
        {
            log = new Log();
            _logs[(botId, kind)] = log;
        }

        return log;
    }

    // The newest seq of the bot's kind beyond saved (saved when there is none); the trades beyond it go to trades.
    private long NewestSince(string botId, HistoryKind kind, long saved, List<Trade>? trades)
    {
        if (!_logs.TryGetValue((botId, kind), out var log))
        {
            return saved;
        }

        var newest = saved;
        for (var i = LowerBound(log, saved + 1); i < log.Count; i++)
        {
            var slot = SlotAt(log.PositionAt(i));
            newest = slot.Seq;
            trades?.Add((Trade)slot.Item!);
        }

        return newest;
    }

    // A bot keeps at most its bound of each kind: its oldest items beyond it go.
    private void Bound(Log? log, HistoryKind kind)
    {
        var kept = kind == HistoryKind.Trade ? options.Value.TradesKept : options.Value.SignalsKept;
        while (log?.Count > kept)
        {
            Drop(log.Oldest);
        }
    }

    /// <summary>The estimated bytes an item holds: its record and entries, and its strings (UTF-16).</summary>
    internal static int SizeOf(object item) => ItemOverhead + 2 * item switch
    {
        Trade trade => trade.TradeId.Length + trade.Symbol.Length,
        Signal signal => signal.Symbol.Length + signal.Kind.Length + signal.Message.Length,
        ChatReply reply => reply.Message.Length + reply.Text.Length,
        _ => 0,
    };

    private ref Slot SlotAt(long position) => ref _ring[position & (_ring.Length - 1)];

    private void Store(Log log, long seq, object item)
    {
        if (_tail - _head == _ring.Length)
        {
            Resize(_ring.Length * 2);
        }

        var size = SizeOf(item);
        SlotAt(_tail) = new Slot(log, seq, item, size);
        log.Add(_tail, seq);
        _tail++;
        (_items, _bytes) = (_items + 1, _bytes + size);
    }

    // Only ever a log's oldest item: a log's items leave from its oldest end, whichever bound drops them.
    private void Drop(long position)
    {
        ref var slot = ref SlotAt(position);
        slot.Log!.DropOldest();
        (_items, _bytes) = (_items - 1, _bytes - slot.Size);
        slot = default;
    }

    private void Resize(int length)
    {
        var ring = new Slot[length];
        for (var position = _head; position < _tail; position++)
        {
            ring[position & (length - 1)] = SlotAt(position);
        }

        _ring = ring;
    }

    // Items a bot's own bound dropped leave empty slots until the head reaches them; with a budget never reached (a
    // small installation) that would be forever. Once those are as many as the stored items, the stored ones move up
    // behind the head and their logs learn their new positions: linear, and at most once per as many appends as there
    // are stored items.
    private void Compact()
    {
        if (_tail - _head <= 2 * _items + 1024)
        {
            return;
        }

        foreach (var log in _logs.Values)
        {
            log.Clear();
        }

        var next = _head;
        for (var position = _head; position < _tail; position++)
        {
            var slot = SlotAt(position);
            if (slot.Log is not null)
            {
                SlotAt(position) = default;
                SlotAt(next) = slot;
                slot.Log.Add(next, slot.Seq);
                next++;
            }
        }

        _tail = next;
    }

    // The index in the log of its first item whose seq is at least seq.
    private int LowerBound(Log log, long seq)
    {
        var (low, high) = (0, log.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = SlotAt(log.PositionAt(middle)).Seq < seq ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    private readonly record struct Slot(Log? Log, long Seq, object? Item, int Size);

    /// <summary>
    /// One bot's items of one kind: their positions in the ring, oldest first (so by increasing seq), and the newest
    /// seq for telling a retried save. The store's lock guards it.
    /// </summary>
    private sealed class Log
    {
        private readonly List<long> _positions = [];

        // Dropped positions stay at the front of the list until they are half of it.
        private int _first;
        private long _lastSeq;

        public int Count => _positions.Count - _first;

        public long Oldest => _positions[_first];

        public bool Accepts(long seq) => Count == 0 || seq > _lastSeq;

        public long PositionAt(int index) => _positions[_first + index];

        public void Add(long position, long seq)
        {
            _positions.Add(position);
            _lastSeq = seq;
        }

        public void DropOldest()
        {
            if (++_first > 32 && _first * 2 > _positions.Count)
            {
                _positions.RemoveRange(0, _first);
                _first = 0;
            }
        }

        public void Clear()
        {
            _positions.Clear();
            _first = 0;
        }
    }
}
