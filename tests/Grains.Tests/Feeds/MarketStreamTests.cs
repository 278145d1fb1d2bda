using OrleansBots.Bots;
using OrleansBots.Feeds;

namespace OrleansBots.Tests.Feeds;

/// <summary>The market stream against the fake Binance-shaped server: prices to bots without polling, gaps, duplicates, resubscription.</summary>
[Collection(FeedClusterCollection.Name)]
public sealed class MarketStreamTests(FeedClusterFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    private IMarketFeedGrain Feed => fixture.Grains.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key);

    [Fact]
    public async Task AStreamedTradePriceIsWhatARunningBotQuotes()
    {
        await ConnectedAsync();
        var bot = fixture.Grains.GetGrain<IBotGrain>("market-quoter");
        await bot.Create("market-user", new BotDefinition("quoter", BotKind.Chat, ["ETHUSDT"], 5, 5, 20, 0.01m));
        await bot.Start();

        await fixture.Market.PublishAsync(FakeMarketStream.Trade("ETHUSDT", 1, 1234.5m));

        var answer = await Eventually.Get(() => bot.Ask("price ETHUSDT"), a => a.Reply!.Text.Contains("1234.5", StringComparison.Ordinal), Within, "the streamed price quoted");
        Assert.Equal("ETHUSDT is at 1234.5.", answer.Reply!.Text);
    }

    [Fact]
    public async Task ARepeatedTradeIsDroppedAndAMissingTradeIdOrCandleIsAGap()
    {
        await ConnectedAsync();
        var before = await Feed.GetStats();
        var minute = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000;

        await fixture.Market.PublishAsync(FakeMarketStream.Trade("BTCUSDT", 100, 1m));
        await fixture.Market.PublishAsync(FakeMarketStream.Trade("BTCUSDT", 100, 1m));
        await fixture.Market.PublishAsync(FakeMarketStream.Trade("BTCUSDT", 103, 1m));
        await fixture.Market.PublishAsync(FakeMarketStream.Kline("BTCUSDT", minute, 1m));
        await fixture.Market.PublishAsync(FakeMarketStream.Kline("BTCUSDT", minute, 2m));
        await fixture.Market.PublishAsync(FakeMarketStream.Kline("BTCUSDT", minute + 180_000, 3m));

        var after = await Eventually.Get(() => Feed.GetStats(), s => s.Received >= before.Received + 6 && s.Delivered >= before.Delivered + 5, Within, "all six received, five delivered");
        Assert.Equal(before.Duplicates + 1, after.Duplicates);
        Assert.Equal(before.Gaps + 2, after.Gaps);
        Assert.Equal(before.Delivered + 5, after.Delivered);
    }

    [Fact]
    public async Task AfterADropTheStreamReconnectsAndSubscribesToTheSameStreamsAgain()
    {
        var before = await ConnectedAsync();
        var subscriptions = fixture.Market.Subscriptions.Count;

        fixture.Market.DropAll();

        await Eventually.Get(() => Feed.GetStats(), s => s.Connected && s.Connections > before.Connections, Within, "reconnected");
        var all = await Eventually.Get(() => Task.FromResult(fixture.Market.Subscriptions), s => s.Count > subscriptions, Within, "subscribed again");
        Assert.Equal("btcusdt@trade,btcusdt@kline_1m,ethusdt@trade,ethusdt@kline_1m", all[^1]);
        Assert.Equal(all[0], all[^1]);
    }

    private Task<FeedStats> ConnectedAsync() =>
        Eventually.Get(() => Feed.GetStats(), s => s.Connected && fixture.Market.Subscriptions.Count > 0, Within, "the market stream connected");
}
