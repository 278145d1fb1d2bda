namespace OrleansBots.Bots;

/// <summary>
/// A bot's trades, signals and replies made since its last save, numbered by the bot's running counts
/// (<see cref="BotState.TradesTotal"/>, ...), waiting to be written to the <see cref="IBotHistory"/> before the bot's
/// state. Kept until a write succeeds, so an outage delays them and a retry does not duplicate them. One list for all
/// kinds, written in one append: on PostgreSQL a trade and its signal share one round trip instead of waiting for one
/// each, and a bot that traded once keeps one list, not three. Not thread-safe.
/// </summary>
public sealed class UnsavedHistory
{
    private readonly List<HistoryItem> _items = [];

    // How many items ever left the front of the list: a write that ends after another (a save in a turn while a trade's
    // save waits) removes only what it wrote and the other did not remove already.
    private long _removed;

    /// <summary>Everything waiting, in the order it was made.</summary>
    public IReadOnlyList<HistoryItem> Items => _items;

    public bool IsEmpty => _items.Count == 0;

    public void Trade(BotState bot, Trade trade) => _items.Add(new(HistoryKind.Trade, bot.TradesTotal, trade.At, trade));

    public void Signal(BotState bot, Signal signal) => _items.Add(new(HistoryKind.Signal, ++bot.SignalsTotal, signal.At, signal));

    public void Reply(BotState bot, ChatReply reply) => _items.Add(new(HistoryKind.Reply, ++bot.RepliesTotal, reply.At, reply));

    /// <summary>Moves what a bot stored in its own state before the history store into this (once, on activation).</summary>
    public void TakeOver(BotState bot)
    {
        var trades = 0;
        foreach (var trade in bot.Trades)
        {
            trades++;
            var seq = long.TryParse(trade.TradeId[(trade.TradeId.LastIndexOf('-') + 1)..], out var numbered) ? numbered : trades;
            _items.Add(new(HistoryKind.Trade, seq, trade.At, trade));
        }

        // Signals and replies were not numbered: they get 1..n, and the bot counts on from there.
        bot.SignalsTotal = Math.Max(bot.SignalsTotal, bot.Signals.Count);
        bot.RepliesTotal = Math.Max(bot.RepliesTotal, bot.Replies.Count);
        _items.AddRange(bot.Signals.Select((signal, i) => new HistoryItem(HistoryKind.Signal, i + 1, signal.At, signal)));
        _items.AddRange(bot.Replies.Select((reply, i) => new HistoryItem(HistoryKind.Reply, i + 1, reply.At, reply)));
        bot.Trades.Clear();
        bot.Signals.Clear();
        bot.Replies.Clear();
    }

    /// <summary>
    /// Writes everything to <paramref name="history"/> in one append; forgets it only once it is written. Items added
    /// while the write is under way stay for the next one.
    /// </summary>
    public async Task WriteAsync(IBotHistory history, string botId)
    {
        if (_items.Count == 0)
        {
            return;
        }

        // The list itself, not a copy: the store reads the items there now and is done with them when its write completes.
        var writtenUpTo = _removed + _items.Count;
        await history.AppendAsync(botId, _items);
        var written = (int)Math.Max(0, writtenUpTo - _removed);
        _items.RemoveRange(0, written);
        _removed += written;
    }
}
