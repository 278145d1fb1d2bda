using OrleansBots.Events;
using OrleansBots.Market;
using OrleansBots.Quotas;

namespace OrleansBots.Bots;

/// <summary>
/// A trading bot's work on its state, without the grain: one moving-average crossover per symbol (over the
/// saved books' price windows, built on first use), each tick's prices turned into decisions, and decisions into trades or
/// refused-trade signals (into the bot's <see cref="UnsavedHistory"/>, not its state), and the strategies written back
/// into the books before a save. Each trade and signal also goes to <paramref name="events"/> when given. A tick whose
/// prices are all known at once is split: <see cref="TryObserve"/> moves the strategies without waiting, and only a
/// decided trade needs <see cref="ActAsync"/>. Not thread-safe: the bot calls it under its <see cref="TickLatch"/>.
/// </summary>
public sealed class TradingSession(string botId, BotState bot, UnsavedHistory output, IMarketData market, BotInstruments instruments, BotEventOutbox? events = null)
{
    private readonly Dictionary<string, MovingAverageCrossover> _strategies = new(StringComparer.Ordinal);

    // The last observed tick's prices and the trades it decided, by symbol index, until ActAsync makes them.
    private decimal[]? _prices;
    private CrossoverDecision[]? _decided;
    private DateTimeOffset _observedAt;

    /// <summary>Whether the last <see cref="TryObserve"/> decided a trade that <see cref="ActAsync"/> has not made yet.</summary>
    public bool HasDecisions { get; private set; }

    /// <summary>
    /// One tick over every symbol. A decided trade is made only once <paramref name="countTrade"/> (the owner's
    /// daily quota) counted it. Returns whether anything was traded or refused, i.e. whether the state must be saved.
    /// </summary>
    public async Task<bool> TickAsync(DateTimeOffset now, Func<Task<TradeQuotaAnswer>> countTrade)
    {
        bot.Ticks++;
        bot.LastTickAt = now;
        var traded = false;

        // Indexed: a foreach over the interface boxed an enumerator on every tick.
        var symbols = bot.Definition!.Symbols;
        for (var i = 0; i < symbols.Count; i++)
        {
            traded |= await TickSymbolAsync(symbols[i], now, countTrade);
        }

        return traded;
    }

    /// <summary>
    /// One tick without waiting, when the market knows every symbol's price now: the strategies observe them and any
    /// trade they decide waits for <see cref="ActAsync"/>. False, with nothing changed, when a price has to be fetched
    /// (the tick is then <see cref="TickAsync"/>'s).
    /// </summary>
    public bool TryObserve(DateTimeOffset now)
    {
        var symbols = bot.Definition!.Symbols;
        var prices = _prices ??= new decimal[symbols.Count];
        for (var i = 0; i < symbols.Count; i++)
        {
            if (!market.TryPriceNow(symbols[i], now, out prices[i]))
            {
                return false;
            }
        }

        bot.Ticks++;
        bot.LastTickAt = now;
        _observedAt = now;
        var decided = _decided ??= new CrossoverDecision[symbols.Count];
        for (var i = 0; i < symbols.Count; i++)
        {
            var decision = StrategyFor(symbols[i]).Observe(prices[i]);
            if (decision != CrossoverDecision.Hold)
            {
                decided[i] = decision;
                HasDecisions = true;
            }
        }

        return true;
    }

    /// <summary>
    /// Makes the trades the last <see cref="TryObserve"/> decided, at its prices and time, each once counted (as in
    /// <see cref="TickAsync"/>). Returns whether there were any, i.e. whether the state must be saved. A decision is
    /// made at most once: one that failed (the quota could not be asked) is gone, as it is in a failed whole tick.
    /// </summary>
    public async Task<bool> ActAsync(Func<Task<TradeQuotaAnswer>> countTrade)
    {
        if (!HasDecisions)
        {
            return false;
        }

        var symbols = bot.Definition!.Symbols;
        try
        {
            for (var i = 0; i < symbols.Count; i++)
            {
                if (_decided![i] != CrossoverDecision.Hold)
                {
                    await TradeAsync(symbols[i], _decided[i], _prices![i], _observedAt, countTrade);
                }
            }
        }
        finally
        {
            DropDecisions();
        }

        return true;
    }

    /// <summary>Forgets decided trades not made yet: the bot stopped before it could make them.</summary>
    public void DropDecisions()
    {
        if (_decided is not null)
        {
            Array.Clear(_decided);
        }

        HasDecisions = false;
    }

    /// <summary>
    /// Writes each strategy's position into the state's books, to be saved. Its price window needs no writing: the
    /// strategy works on the book's own list (one copy per bot, not two, and none made per save).
    /// </summary>
    public void WriteBooks()
    {
        foreach (var (symbol, strategy) in _strategies)
        {
            bot.Books[symbol].Holding = strategy.Holding;
        }
    }

    private async Task<bool> TickSymbolAsync(string symbol, DateTimeOffset now, Func<Task<TradeQuotaAnswer>> countTrade)
    {
        var price = await market.PriceAsync(symbol, now);
        var decision = StrategyFor(symbol).Observe(price);
        if (decision == CrossoverDecision.Hold)
        {
            return false;
        }

        await TradeAsync(symbol, decision, price, now, countTrade);
        return true;
    }

    private async Task TradeAsync(string symbol, CrossoverDecision decision, decimal price, DateTimeOffset now, Func<Task<TradeQuotaAnswer>> countTrade)
    {
        var tradeStarted = instruments.StartTimestamp();
        TradeQuotaAnswer quota;
        try
        {
            quota = await countTrade();
        }
        catch
        {
            instruments.TradeFailed(tradeStarted);
            throw;
        }

        if (quota.Allowed)
        {
            Fill(symbol, decision, price, now);
            instruments.TradeFilled(tradeStarted);
        }
        else
        {
            Refuse(symbol, decision, price, quota, now);
            instruments.TradeRefused(tradeStarted);
        }
    }

    /// <summary>The daily quota refused the decided trade: a signal says so, and the position stays as it was.</summary>
    private void Refuse(string symbol, CrossoverDecision decision, decimal price, TradeQuotaAnswer quota, DateTimeOffset now)
    {
        var side = SideOf(decision);
        var signal = new Signal(now, symbol, "refused",
            $"{side} {symbol} at {price} refused: daily trade limit reached ({quota.UsedToday}/{quota.Limit}); resets at {quota.ResetsAt:yyyy-MM-ddTHH:mm:ssZ}");
        output.Signal(bot, signal);
        events?.Signal(signal);
    }

    /// <summary>Makes the decided (and counted) trade: the position changes, and the trade and its signal are recorded.</summary>
    private void Fill(string symbol, CrossoverDecision decision, decimal price, DateTimeOffset now)
    {
        var side = SideOf(decision);
        StrategyFor(symbol).Filled(decision);
        bot.TradesTotal++;
        var trade = new Trade($"{botId}-{bot.TradesTotal}", symbol, side, price, bot.Definition!.TradeQuantity, now);
        output.Trade(bot, trade);
        var signal = new Signal(now, symbol, side == TradeSide.Buy ? "buy" : "sell",
            $"{side} {trade.Quantity} {symbol} at {price}: short average crossed {(side == TradeSide.Buy ? "above" : "below")} long average");
        output.Signal(bot, signal);
        events?.Signal(signal);
        events?.Trade(trade);
    }

    private static TradeSide SideOf(CrossoverDecision decision) => decision == CrossoverDecision.Buy ? TradeSide.Buy : TradeSide.Sell;

    private MovingAverageCrossover StrategyFor(string symbol)
    {
        if (!_strategies.TryGetValue(symbol, out var strategy))
        {
            if (!bot.Books.TryGetValue(symbol, out var book))
            {
                book = new SymbolBook();
                bot.Books[symbol] = book;
            }

            strategy = new MovingAverageCrossover(bot.Definition!.ShortWindow, bot.Definition.LongWindow, book.Prices, book.Holding);
            _strategies[symbol] = strategy;
        }

        return strategy;
    }
}
