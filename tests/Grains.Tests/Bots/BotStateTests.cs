using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class BotStateTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CatchingUpCountsOnFromTheNewestStoredItemsAndTakesEachSymbolsPositionFromItsLastTrade()
    {
        var bot = new BotState
        {
            TradesTotal = 4,
            SignalsTotal = 4,
            Books = { ["BTCUSDT"] = new SymbolBook { Prices = [1m, 2m], Holding = false }, ["ETHUSDT"] = new SymbolBook { Holding = true } },
        };

        bot.CatchUp(new HistorySince(new HistoryCounts(7, 8, 0),
        [
            Trade(5, "BTCUSDT", TradeSide.Buy),
            Trade(6, "ETHUSDT", TradeSide.Sell),
            Trade(7, "SOLUSDT", TradeSide.Buy),
        ]));

        Assert.Equal(new HistoryCounts(7, 8, 0), bot.Counts);
        Assert.Equal((true, false, true), (bot.Books["BTCUSDT"].Holding, bot.Books["ETHUSDT"].Holding, bot.Books["SOLUSDT"].Holding));
        Assert.Equal([1m, 2m], bot.Books["BTCUSDT"].Prices);
    }

    [Fact]
    public void ASymbolTradedTwiceSinceTheSaveEndsWithItsLastTradesSide()
    {
        var bot = new BotState { TradesTotal = 1, Books = { ["BTCUSDT"] = new SymbolBook { Holding = true } } };

        bot.CatchUp(new HistorySince(new HistoryCounts(3, 0, 0), [Trade(2, "BTCUSDT", TradeSide.Sell), Trade(3, "BTCUSDT", TradeSide.Buy)]));

        Assert.True(bot.Books["BTCUSDT"].Holding);
        Assert.Equal(3, bot.TradesTotal);
    }

    [Fact]
    public void CatchingUpNeverCountsBackwards()
    {
        var bot = new BotState { TradesTotal = 9, SignalsTotal = 9, RepliesTotal = 9 };

        bot.CatchUp(new HistorySince(new HistoryCounts(2, 3, 4), []));

        Assert.Equal(new HistoryCounts(9, 9, 9), bot.Counts);
    }

    private static Trade Trade(int seq, string symbol, TradeSide side) => new($"b-{seq}", symbol, side, 100m, 1m, Noon.AddSeconds(seq));
}
