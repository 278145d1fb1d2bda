using OrleansBots.Bots;
using OrleansBots.Feeds;

namespace OrleansBots.Tests.Feeds;

/// <summary>The new-token feed against the fake PumpPortal server: one connection, fan-out to bots over a stream, duplicates, reconnects, the cap.</summary>
[Collection(FeedClusterCollection.Name)]
public sealed class NewTokenFeedTests(FeedClusterFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    private IFeedGrain FeedGrain => fixture.Grains.GetGrain<IFeedGrain>(IFeedGrain.NewTokens);

    [Fact]
    public async Task ANewTokenReachesEverySubscribedBotAsASignalAndOnlyTokensThatPassTheFilter()
    {
        var traders = new[] { await StartTraderAsync("fanout-1"), await StartTraderAsync("fanout-2") };

        await fixture.Feed.PublishAsync(FakeTokenFeed.TokenJson("fanout-buy"));
        await fixture.Feed.PublishAsync(FakeTokenFeed.TokenJson("fanout-tiny", initialBuy: 10, marketCapSol: 1));

        foreach (var trader in traders)
        {
            var signals = await Eventually.Get(() => trader.GetSignals(1000), s => s.Any(x => x.Symbol == "Tfanout-buy"), Within, "the buy signal");
            Assert.DoesNotContain(signals, s => s.Symbol == "Tfanout-tiny");
        }
    }

    [Fact]
    public async Task ATokenSentTwiceIsDeliveredOnceAndTheDuplicateCounted()
    {
        await ConnectedAsync();
        var before = await FeedGrain.GetStats();

        await fixture.Feed.PublishAsync(FakeTokenFeed.TokenJson("dup-1"));
        await fixture.Feed.PublishAsync(FakeTokenFeed.TokenJson("dup-1"));

        var after = await Eventually.Get(() => FeedGrain.GetStats(), s => s.Received >= before.Received + 2, Within, "both received");
        Assert.Equal(before.Duplicates + 1, after.Duplicates);
        Assert.Equal(before.Delivered + 1, after.Delivered);
    }

    [Fact]
    public async Task AfterTheFeedDropsItReconnectsResubscribesAndCountsTheGap()
    {
        var before = await ConnectedAsync();
        var subscriptions = fixture.Feed.Subscriptions;

        fixture.Feed.DropAll();

        var after = await Eventually.Get(() => FeedGrain.GetStats(), s => s.Connected && s.Connections > before.Connections, Within, "reconnected");
        await Eventually.Get(() => Task.FromResult(fixture.Feed.Subscriptions), n => n > subscriptions, Within, "subscribed again");
        Assert.Equal(before.Gaps + 1, after.Gaps);
        await fixture.Feed.PublishAsync(FakeTokenFeed.TokenJson("after-drop"));
        await Eventually.Get(() => FeedGrain.GetStats(), s => s.Received > after.Received, Within, "items flow again");
    }

    [Fact]
    public async Task ABurstOverTheCapIsDroppedAndCountedAndEachUserGetsAtMostTheirSignalsPerMinute()
    {
        var trader = await StartTraderAsync("burst");
        var before = await FeedGrain.GetStats();

        for (var i = 0; i < FeedClusterFixture.MaxTokensPerMinute + 200; i++)
        {
            await fixture.Feed.PublishAsync(FakeTokenFeed.TokenJson($"burst-{i}"));
        }

        var after = await Eventually.Get(
            () => FeedGrain.GetStats(), s => s.Received >= before.Received + FeedClusterFixture.MaxTokensPerMinute + 200, TimeSpan.FromSeconds(30), "the burst received");
        Assert.True(after.DroppedOverCap >= before.DroppedOverCap + 200, $"dropped {after.DroppedOverCap - before.DroppedOverCap}");
        Assert.True(after.ItemsLastMinute <= after.Received);
        var signals = await Eventually.Get(() => trader.GetSignals(1000), s => s.Count >= 100, Within, "the user's signals");
        await Task.Delay(500);
        Assert.Equal(100, (await trader.GetSignals(1000)).Count);
    }

    private async Task<FeedStats> ConnectedAsync() =>
        await Eventually.Get(() => FeedGrain.GetStats(), s => s.Connected && fixture.Feed.Subscriptions > 0, Within, "the feed connected");

    private async Task<INewTokenTraderGrain> StartTraderAsync(string name)
    {
        await ConnectedAsync();
        var botId = "tokens-" + name;
        var bot = fixture.Grains.GetGrain<IBotGrain>(botId);
        await bot.Create("tokens-user-" + name, new BotDefinition(name, BotKind.Trading, ["BTCUSDT"], 60, 5, 20, 0.01m) { Strategy = BotDefinition.NewTokens });
        Assert.Equal(StartOutcome.Started, (await bot.Start()).Outcome);
        var trader = fixture.Grains.GetGrain<INewTokenTraderGrain>(botId);

        // Started by the bot without waiting; asking again here makes sure the subscription exists before tokens flow.
        await trader.Keep((await bot.GetInfo())!);
        return trader;
    }
}
