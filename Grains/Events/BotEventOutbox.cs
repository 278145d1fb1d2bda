using OrleansBots.Bots;

namespace OrleansBots.Events;

/// <summary>
/// What a bot did during one grain call, in order, until the bot hands it to its event log (<see cref="FlushAsync"/>).
/// The bot awaits the flush so that its events reach the log in the order they happened; a log that fails (its
/// numbers could not be reserved in storage) costs readers those events (logged), never the bot its work.
/// <paramref name="append"/> reads the drafts before it returns: the list is reused. Not thread-safe: the bot's grain
/// uses it.
/// </summary>
public sealed class BotEventOutbox(string botId, Func<IReadOnlyList<BotEventDraft>, Task> append, TimeProvider time, ILogger logger)
{
    private readonly List<BotEventDraft> _pending = [];

    /// <summary>How many events wait for the next flush.</summary>
    public int Pending => _pending.Count;

    public void Lifecycle(BotStatus status, string? reason = null) =>
        _pending.Add(new BotEventDraft(BotEventKind.Lifecycle, time.GetUtcNow(), Lifecycle: new BotLifecycle(status, false, reason)));

    public void Deleted() =>
        _pending.Add(new BotEventDraft(BotEventKind.Lifecycle, time.GetUtcNow(), Lifecycle: new BotLifecycle(BotStatus.Stopped, true, null)));

    public void Signal(Signal signal) => _pending.Add(new BotEventDraft(BotEventKind.Signal, signal.At, Signal: signal));

    public void Trade(Trade trade) => _pending.Add(new BotEventDraft(BotEventKind.Trade, trade.At, Trade: trade));

    public void Reply(ChatReply reply) => _pending.Add(new BotEventDraft(BotEventKind.Reply, reply.At, Reply: reply));

    public async Task FlushAsync()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var count = _pending.Count;
        try
        {
            Task appending;
            try
            {
                appending = append(_pending);
            }
            finally
            {
                _pending.Clear();
            }

            await appending;
        }
        catch (Exception error)
        {
            logger.LogWarning("Bot {BotId}: {Count} events did not reach its event log: {Error}", botId, count, error.Message);
        }
    }
}
