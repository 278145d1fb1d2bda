namespace OrleansBots.Bots;

/// <summary>
/// Bots' history in the silo's memory, without PostgreSQL, bounded twice: each bot keeps at most its last
/// <see cref="BotOptions.TradesKept"/> trades and <see cref="BotOptions.SignalsKept"/> signals and replies, and the
/// whole store at most <see cref="BotOptions.MemoryHistoryMegabytes"/> (estimated), beyond which the silo's oldest
/// items go first, whichever bot they belong to. So a silo's memory stays flat however long its bots trade, while a
/// small installation keeps every bot's full lists. Lost with the silo, like every in-memory state; a bot's history
/// stays on the silo where the bot wrote it. Thread-safe: one lock, held for a few list operations per call.
/// </summary>
public sealed class MemoryBotHistory(IOptions<BotOptions> options) : IBotHistory
{
    // What an item costs besides its strings: the record, its entry in its log and its place in the arrival order.
    private const int ItemOverhead = 128;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string BotId, HistoryKind Kind), Log> _logs = [];

    // Every stored item in the order it arrived, oldest first: the first to go when the store is over its budget. Items
    // a bot's own bound dropped, or a deleted bot's, stay here until the queue is swept (see SweepArrivals).
    private readonly Queue<(Log Log, long Seq)> _arrivals = new();
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

    /// <summary>Entries in the arrival order, stored items and ones already dropped: at most about twice <see cref="Items"/>.</summary>
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

    private long Budget => options.Value.MemoryHistoryMegabytes * 1024L * 1024L;

    public Task AppendAsync(string botId, HistoryKind kind, IReadOnlyList<(long Seq, DateTimeOffset At, object Item)> items)
    {
        var kept = kind == HistoryKind.Trade ? options.Value.TradesKept : options.Value.SignalsKept;
        lock (_gate)
        {
            if (!_logs.TryGetValue((botId, kind), out var log))
            {
                log = new Log();
                _logs[(botId, kind)] = log;
            }

            // Indexed: a foreach over the interface boxed an enumerator per append.
            for (var i = 0; i < items.Count; i++)
            {
                var (seq, _, item) = items[i];
                // A seq seen before is a retried save of the same item.
                if (log.Accepts(seq))
                {
                    log.Add(seq, item, SizeOf(item));
                    _arrivals.Enqueue((log, seq));
                    Count(+1, log.LastSize);
                }
            }

            while (log.Count > kept)
            {
                Count(-1, -log.DropOldest());
            }

            while (_bytes > Budget && _arrivals.TryDequeue(out var oldest))
            {
                if (oldest.Log.Holds(oldest.Seq))
                {
                    Count(-1, -oldest.Log.DropOldest());
                }
            }

            SweepArrivals();
        }

        return Task.CompletedTask;
    }

    public Task<HistoryPage<T>> ReadAsync<T>(string botId, HistoryKind kind, int limit, long? before)
    {
        lock (_gate)
        {
            return Task.FromResult(_logs.TryGetValue((botId, kind), out var log) ? log.Read<T>(limit, before) : new HistoryPage<T>([], null));
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
                        Count(-1, -log.DropOldest());
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The estimated bytes an item holds: its record and entries, and its strings (UTF-16).</summary>
    internal static int SizeOf(object item) => ItemOverhead + 2 * item switch
    {
        Trade trade => trade.TradeId.Length + trade.Symbol.Length,
        Signal signal => signal.Symbol.Length + signal.Kind.Length + signal.Message.Length,
        ChatReply reply => reply.Message.Length + reply.Text.Length,
        _ => 0,
    };

    private void Count(int items, long bytes) => (_items, _bytes) = (_items + items, _bytes + bytes);

    // Items a bot's own bound dropped keep their entries in the arrival order until they reach its front; with a budget
    // never reached (a small installation) that would be forever. Once those are as many as the stored items, the queue
    // is rebuilt without them: linear, and at most once per as many appends as there are stored items.
    private void SweepArrivals()
    {
        if (_arrivals.Count <= 2 * _items + 1024)
        {
            return;
        }

        var stored = _arrivals.Where(entry => entry.Log.Holds(entry.Seq)).ToList();
        _arrivals.Clear();
        foreach (var entry in stored)
        {
            _arrivals.Enqueue(entry);
        }
    }

    /// <summary>One bot's items of one kind, oldest first, by increasing seq; the store's lock guards it.</summary>
    private sealed class Log
    {
        private readonly List<(long Seq, object Item, int Size)> _items = [];

        public int Count => _items.Count;

        public int LastSize => _items[^1].Size;

        public bool Accepts(long seq) => _items.Count == 0 || seq > _items[^1].Seq;

        /// <summary>Whether the item numbered <paramref name="seq"/> is still stored (an item only ever leaves from the oldest end).</summary>
        public bool Holds(long seq) => _items.Count > 0 && seq >= _items[0].Seq;

        public void Add(long seq, object item, int size) => _items.Add((seq, item, size));

        /// <summary>Drops the oldest item; returns its size.</summary>
        public int DropOldest()
        {
            var size = _items[0].Size;
            _items.RemoveAt(0);
            return size;
        }

        public HistoryPage<T> Read<T>(int limit, long? before)
        {
            var end = before is { } seq ? LowerBound(seq) : _items.Count;
            var start = Math.Max(0, end - limit);
            var page = new List<T>(end - start);
            for (var i = end - 1; i >= start; i--)
            {
                page.Add((T)_items[i].Item);
            }

            return new HistoryPage<T>(page, start > 0 ? _items[start].Seq : null);
        }

        // The index of the first item whose seq is at least seq.
        private int LowerBound(long seq)
        {
            var (low, high) = (0, _items.Count);
            while (low < high)
            {
                var middle = (low + high) / 2;
                (low, high) = _items[middle].Seq < seq ? (middle + 1, high) : (low, middle);
            }

            return low;
        }
    }
}
