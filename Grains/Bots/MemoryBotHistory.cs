using System.Collections.Concurrent;

namespace OrleansBots.Bots;

/// <summary>
/// Bots' history in the silo's memory, without PostgreSQL: each bot keeps its last <see cref="BotOptions.TradesKept"/>
/// trades and <see cref="BotOptions.SignalsKept"/> signals and replies, so the store is bounded per bot. Lost with the
/// silo, like every in-memory state; a bot's history stays on the silo where the bot wrote it.
/// </summary>
public sealed class MemoryBotHistory(IOptions<BotOptions> options) : IBotHistory
{
    private readonly ConcurrentDictionary<(string BotId, HistoryKind Kind), Log> _logs = new();

    public Task AppendAsync(string botId, HistoryKind kind, IReadOnlyList<(long Seq, DateTimeOffset At, object Item)> items)
    {
        var kept = kind == HistoryKind.Trade ? options.Value.TradesKept : options.Value.SignalsKept;
        _logs.GetOrAdd((botId, kind), _ => new Log()).Append(items, kept);
        return Task.CompletedTask;
    }

    public Task<HistoryPage<T>> ReadAsync<T>(string botId, HistoryKind kind, int limit, long? before) =>
        Task.FromResult(_logs.TryGetValue((botId, kind), out var log) ? log.Read<T>(limit, before) : new HistoryPage<T>([], null));

    public Task DeleteAsync(string botId)
    {
        foreach (var kind in Enum.GetValues<HistoryKind>())
        {
            _logs.TryRemove((botId, kind), out _);
        }

        return Task.CompletedTask;
    }

    /// <summary>One bot's items of one kind, oldest first, by increasing seq.</summary>
    private sealed class Log
    {
        private readonly List<(long Seq, object Item)> _items = [];

        public void Append(IReadOnlyList<(long Seq, DateTimeOffset At, object Item)> items, int kept)
        {
            lock (_items)
            {
                foreach (var (seq, _, item) in items)
                {
                    // A seq seen before is a retried save of the same item.
                    if (_items.Count == 0 || seq > _items[^1].Seq)
                    {
                        _items.Add((seq, item));
                    }
                }

                if (_items.Count > kept)
                {
                    _items.RemoveRange(0, _items.Count - kept);
                }
            }
        }

        public HistoryPage<T> Read<T>(int limit, long? before)
        {
            lock (_items)
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
