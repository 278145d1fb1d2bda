using OrleansBots.Feeds;

namespace OrleansBots.Tests.Feeds;

public sealed class MarketPartsTests
{
    [Fact]
    public void ATradeAndAKlineAreParsedAndACombinedStreamEnvelopeIsUnwrapped()
    {
        var trade = BinanceStreamMessage.Parse(FakeMarketStream.Trade("BTCUSDT", 7, 65000.5m))!;
        var kline = BinanceStreamMessage.Parse("""{"stream":"btcusdt@kline_1m","data":""" + FakeMarketStream.Kline("BTCUSDT", 60_000, 64999m) + "}")!;

        Assert.Equal(("BTCUSDT", "trade", 65000.5m, 7L), (trade.Symbol, trade.Kind, trade.Price, trade.Sequence));
        Assert.Equal(("BTCUSDT", "kline", 64999m, 60_000L), (kline.Symbol, kline.Kind, kline.Price, kline.Sequence));
        Assert.Null(BinanceStreamMessage.Parse("""{"result":null,"id":1}"""));
        Assert.Null(BinanceStreamMessage.Parse("""{"e":"trade","s":"BTCUSDT","p":"not a number","t":1}"""));
    }

    [Fact]
    public void TheSubscriptionNamesTradeAndKlineStreamsOfEachSymbol() =>
        Assert.Equal(
            """{"method":"SUBSCRIBE","params":["btcusdt@trade","btcusdt@kline_5m"],"id":1}""",
            BinanceStreamMessage.Subscribe(["BTCUSDT"], "5m"));

    [Fact]
    public void TradeIdsAndCandlesTellGapsAndDuplicatesPerSymbol()
    {
        var check = new SequenceCheck(TimeSpan.FromMinutes(1));
        MarketTick Trade(string symbol, long id) => new(symbol, "trade", 1, id, DateTimeOffset.UnixEpoch);
        MarketTick Kline(long open) => new("BTCUSDT", "kline", 1, open, DateTimeOffset.UnixEpoch);

        Assert.Equal(
            [SequenceVerdict.InOrder, SequenceVerdict.InOrder, SequenceVerdict.Duplicate, SequenceVerdict.AfterGap, SequenceVerdict.InOrder, SequenceVerdict.Duplicate],
            [check.Check(Trade("A", 1)), check.Check(Trade("A", 2)), check.Check(Trade("A", 2)), check.Check(Trade("A", 5)), check.Check(Trade("B", 1)), check.Check(Trade("A", 4))]);
        Assert.Equal(
            [SequenceVerdict.InOrder, SequenceVerdict.InOrder, SequenceVerdict.InOrder, SequenceVerdict.AfterGap, SequenceVerdict.Duplicate],
            [check.Check(Kline(0)), check.Check(Kline(0)), check.Check(Kline(60_000)), check.Check(Kline(240_000)), check.Check(Kline(60_000))]);
    }

    [Theory]
    [InlineData("1m", 1)]
    [InlineData("4h", 240)]
    [InlineData("1w", 10_080)]
    public void KlineIntervalsHaveTheirLength(string interval, int minutes) => Assert.Equal(TimeSpan.FromMinutes(minutes), KlineIntervals.Length(interval));
}
