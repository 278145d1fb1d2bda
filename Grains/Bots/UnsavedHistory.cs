namespace OrleansBots.Bots;

/// <summary>
/// A bot's trades, signals and replies made since its last save, numbered by the bot's running counts
/// (<see cref="BotState.TradesTotal"/>, ...), waiting to be written to the <see cref="IBotHistory"/> before the bot's
/// state. Kept until a write succeeds, so an outage delays them and a retry does not duplicate them. Not thread-safe.
/// </summary>
public sealed class UnsavedHistory
{
    public List<(long Seq, DateTimeOffset At, object Item)> Trades { get; } = [];

    public List<(long Seq, DateTimeOffset At, object Item)> Signals { get; } = [];

    public List<(long Seq, DateTimeOffset At, object Item)> Replies { get; } = [];

    public bool IsEmpty => Trades.Count == 0 && Signals.Count == 0 && Replies.Count == 0;

    public void Trade(BotState bot, Trade trade) => Trades.Add((bot.TradesTotal, trade.At, trade));

    public void Signal(BotState bot, Signal signal) => Signals.Add((++bot.SignalsTotal, signal.At, signal));

    public void Reply(BotState bot, ChatReply reply) => Replies.Add((++bot.RepliesTotal, reply.At, reply));

    /// <summary>Moves what a bot stored in its own state before the history store into this (once, on activation).</summary>
    public void TakeOver(BotState bot)
    {
        foreach (var trade in bot.Trades)
        {
            Trades.Add((long.TryParse(trade.TradeId[(trade.TradeId.LastIndexOf('-') + 1)..], out var seq) ? seq : Trades.Count + 1, trade.At, trade));
        }

        // Signals and replies were not numbered: they get 1..n, and the bot counts on from there.
        bot.SignalsTotal = Math.Max(bot.SignalsTotal, bot.Signals.Count);
        bot.RepliesTotal = Math.Max(bot.RepliesTotal, bot.Replies.Count);
        Signals.AddRange(bot.Signals.Select((signal, i) => ((long)i + 1, signal.At, (object)signal)));
        Replies.AddRange(bot.Replies.Select((reply, i) => ((long)i + 1, reply.At, (object)reply)));
        bot.Trades.Clear();
        bot.Signals.Clear();
        bot.Replies.Clear();
    }

    /// <summary>Writes everything to <paramref name="history"/>; forgets it only once it is written.</summary>
    public async Task WriteAsync(IBotHistory history, string botId)
    {
        await WriteAsync(history, botId, HistoryKind.Trade, Trades);
        await WriteAsync(history, botId, HistoryKind.Signal, Signals);
        await WriteAsync(history, botId, HistoryKind.Reply, Replies);
    }

    // The list itself, not a copy: the store is done with it when its write completes (IBotHistory.AppendAsync).
    private static async Task WriteAsync(IBotHistory history, string botId, HistoryKind kind, List<(long Seq, DateTimeOffset At, object Item)> items)
    {
        if (items.Count > 0)
        {
            await history.AppendAsync(botId, kind, items);
            items.Clear();
        }
    }
}
