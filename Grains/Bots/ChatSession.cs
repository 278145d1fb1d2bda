using OrleansBots.Events;
using OrleansBots.Market;
using OrleansBots.Quotas;

namespace OrleansBots.Bots;

/// <summary>
/// A chat bot's answer to its owner, without the grain: only a running chat bot answers, and only while the
/// owner's signals-per-minute quota allows; the reply gives the prices of its symbols (a symbol the market cannot
/// price now is said to be so) through the <see cref="ChatResponder"/> and goes into the bot's
/// <see cref="UnsavedHistory"/>, to be stored before the bot saves (and to <paramref name="events"/> when given).
/// </summary>
public sealed class ChatSession(BotState bot, IMarketData market, TimeProvider time, UnsavedHistory output, BotEventOutbox? events = null)
{
    public async Task<ChatAnswer> AskAsync(string message, BotInfo info, Func<Task<SignalQuotaAnswer>> countSignal)
    {
        if (bot.Definition!.Kind != BotKind.Chat)
        {
            return new ChatAnswer(ChatOutcome.NotChatBot, null, null);
        }

        if (bot.Status != BotStatus.Running)
        {
            return new ChatAnswer(ChatOutcome.NotRunning, null, null);
        }

        var quota = await countSignal();
        if (!quota.Allowed)
        {
            return new ChatAnswer(ChatOutcome.SignalLimitReached, null, quota);
        }

        var now = time.GetUtcNow();
        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var symbol in bot.Definition.Symbols)
        {
            try
            {
                prices[symbol] = await market.PriceAsync(symbol, now);
            }
            catch (MarketUnavailableException)
            {
                // The reply says so for this symbol.
            }
        }

        var responder = new ChatResponder(bot.Definition.Symbols, symbol => prices.TryGetValue(symbol, out var price) ? price : null);
        var reply = new ChatReply(now, message, responder.Reply(message, info));
        output.Reply(bot, reply);
        events?.Reply(reply);
        return new ChatAnswer(ChatOutcome.Replied, reply, quota);
    }
}
