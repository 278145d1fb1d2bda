using OrleansBots.Bots;
using OrleansBots.Quotas;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Tests.Bots;

public sealed class TradingSessionTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly TradeQuotaAnswer Allowed = new(true, 1, 500, Noon.Date.AddDays(1));
    private static readonly TradeQuotaAnswer UsedUp = new(false, 500, 500, new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));

    private readonly MeasurementRig _rig = new();
    private readonly UnsavedHistory _unsaved = new();
    private readonly BotState _bot = BotState.Created("alice", new BotDefinition("b", BotKind.Trading, ["BTCUSDT"], 1, 2, 4, 0.5m), Noon);

    private List<HistoryItem> UnsavedTrades => [.. _unsaved.Items.Where(i => i.Kind == HistoryKind.Trade)];

    private List<HistoryItem> UnsavedSignals => [.. _unsaved.Items.Where(i => i.Kind == HistoryKind.Signal)];

    [Fact]
    public async Task ACrossingTheQuotaCountsBecomesATradeWithItsSignal()
    {
        var session = Session(10, 10, 10, 10, 20);

        var traded = await TickAsync(session, 5, Allowed);

        Assert.Equal([false, false, false, false, true], traded);
        var (_, seq, _, item) = Assert.Single(UnsavedTrades);
        var trade = (Trade)item;
        Assert.Equal((1L, "bot-1-1", TradeSide.Buy, 20m, 0.5m), (seq, trade.TradeId, trade.Side, trade.Price, trade.Quantity));
        Assert.Equal("buy", ((Signal)Assert.Single(UnsavedSignals).Item).Kind);
        Assert.Equal((5L, 1L, (DateTimeOffset?)Noon), (_bot.Ticks, _bot.TradesTotal, _bot.LastTickAt));
    }

    [Fact]
    public async Task ACrossingTheDailyQuotaRefusesIsASignalAndTheStrategyKeepsItsPosition()
    {
        var session = Session(10, 10, 10, 10, 20);

        await TickAsync(session, 5, UsedUp);
        session.WriteBooks();

        Assert.Empty(UnsavedTrades);
        var signal = (Signal)Assert.Single(UnsavedSignals).Item;
        Assert.Equal("refused", signal.Kind);
        Assert.Equal("Buy BTCUSDT at 20 refused: daily trade limit reached (500/500); resets at 2026-11-26T00:00:00Z", signal.Message);
        Assert.False(_bot.Books["BTCUSDT"].Holding);
    }

    [Fact]
    public async Task TheStrategyStartsFromTheSavedBookAndIsWrittenBackIntoIt()
    {
        _bot.Books["BTCUSDT"] = new SymbolBook { Prices = [10, 10, 10, 10] };
        var session = Session(20);

        var traded = await TickAsync(session, 1, Allowed);
        session.WriteBooks();

        Assert.Equal([true], traded);
        Assert.Equal([10m, 10m, 10m, 20m], _bot.Books["BTCUSDT"].Prices);
        Assert.True(_bot.Books["BTCUSDT"].Holding);
    }

    [Fact]
    public async Task TheStrategyKeepsItsPriceWindowInTheBookItselfRatherThanInACopy()
    {
        var book = new SymbolBook { Prices = [10, 10, 10] };
        _bot.Books["BTCUSDT"] = book;
        var session = Session(11, 12);

        await TickAsync(session, 2, Allowed);

        Assert.Same(book, _bot.Books["BTCUSDT"]);
        Assert.Equal([10m, 10m, 11m, 12m], book.Prices);
    }

    [Fact]
    public async Task ATradeIsNotMadeWhenTheQuotaCannotBeAsked()
    {
        var session = Session(10, 10, 10, 10, 20);
        await TickAsync(session, 4, Allowed);

        await Assert.ThrowsAsync<TimeoutException>(() => session.TickAsync(Noon, () => throw new TimeoutException()));

        Assert.Empty(UnsavedTrades);
        Assert.Empty(UnsavedSignals);
    }

    [Fact]
    public async Task TradesAndSignalsAreNumberedByTheBotsRunningCountsAndLeaveTheStateAlone()
    {
        var prices = Enumerable.Range(0, 10).SelectMany(_ => new decimal[] { 10, 10, 10, 10, 20, 1, 1 }).ToArray();
        _bot.TradesTotal = 40;
        var session = Session(prices);

        await TickAsync(session, prices.Length, Allowed);

        Assert.Equal(Enumerable.Range(41, UnsavedTrades.Count).Select(i => (long)i), UnsavedTrades.Select(t => t.Seq));
        Assert.Equal(Enumerable.Range(1, UnsavedSignals.Count).Select(i => (long)i), UnsavedSignals.Select(s => s.Seq));
        Assert.Equal($"bot-1-{_bot.TradesTotal}", ((Trade)UnsavedTrades[^1].Item).TradeId);
        Assert.Equal(UnsavedSignals.Count, _bot.SignalsTotal);
        Assert.Empty(_bot.Trades);
        Assert.Empty(_bot.Signals);
    }

    [Fact]
    public async Task ATickObservedWithoutWaitingDecidesTheTradeThatActingThenMakesOnce()
    {
        var session = ObservingSession(10, 10, 10, 10, 20);

        var observed = Enumerable.Range(0, 5).Select(_ => session.TryObserve(Noon)).ToList();
        var decidedBeforeActing = (session.HasDecisions, UnsavedTrades.Count, _bot.Ticks);
        var acted = await session.ActAsync(() => Task.FromResult(Allowed));
        var actedAgain = await session.ActAsync(() => Task.FromResult(Allowed));

        Assert.All(observed, Assert.True);
        Assert.Equal((true, 0, 5L), decidedBeforeActing);
        Assert.Equal((true, false, false), (acted, actedAgain, session.HasDecisions));
        var trade = (Trade)Assert.Single(UnsavedTrades).Item;
        Assert.Equal((TradeSide.Buy, 20m, Noon), (trade.Side, trade.Price, trade.At));
        Assert.Equal(1L, _bot.TradesTotal);
    }

    [Fact]
    public void AMarketThatMustBeAskedLeavesTheTickWholeAndTheStateUntouched()
    {
        var session = Session(10, 10);

        Assert.False(session.TryObserve(Noon));

        Assert.Equal((0L, (DateTimeOffset?)null, false), (_bot.Ticks, _bot.LastTickAt, _bot.Books.ContainsKey("BTCUSDT")));
    }

    [Fact]
    public async Task ADecisionDroppedWhenTheBotStopsIsNeverMade()
    {
        var session = ObservingSession(10, 10, 10, 10, 20);
        for (var i = 0; i < 5; i++)
        {
            session.TryObserve(Noon);
        }

        session.DropDecisions();

        Assert.False(await session.ActAsync(() => Task.FromResult(Allowed)));
        Assert.Empty(UnsavedTrades);
        Assert.Empty(UnsavedSignals);
    }

    public void Dispose() => _rig.Dispose();

    private static ScriptedMarket Market(params decimal[] prices) => new(new() { ["BTCUSDT"] = new Queue<decimal>(prices) });

    private TradingSession Session(params decimal[] prices) =>
        new("bot-1", _bot, _unsaved, Market(prices), new BotInstruments(_rig.Measurements));

    private TradingSession ObservingSession(params decimal[] prices) =>
        new("bot-1", _bot, _unsaved, new ScriptedMarket(new() { ["BTCUSDT"] = new Queue<decimal>(prices) }, knownAtOnce: true), new BotInstruments(_rig.Measurements));

    private static async Task<List<bool>> TickAsync(TradingSession session, int ticks, TradeQuotaAnswer quota)
    {
        var traded = new List<bool>();
        for (var i = 0; i < ticks; i++)
        {
            traded.Add(await session.TickAsync(Noon, () => Task.FromResult(quota)));
        }

        return traded;
    }
}
