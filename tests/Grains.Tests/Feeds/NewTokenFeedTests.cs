using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Orleans.Streams.PubSub;
using Orleans.TestingHost;
using OrleansBots.Bots;
using OrleansBots.Feeds;

namespace OrleansBots.Tests.Feeds;

/// <summary>The new-token feed against the fake PumpPortal server: one connection, fan-out to the bots through the silo's one consumer of the stream, duplicates, reconnects, the cap.</summary>
[Collection(FeedClusterCollection.Name)]
public sealed class NewTokenFeedTests(FeedClusterFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    private IFeedGrain FeedGrain => fixture.Grains.GetGrain<IFeedGrain>(IFeedGrain.NewTokens);

    [Fact]
    public async Task ANewTokenReachesEverySubscribedBotAsASignalAndOnlyTokensThatPassTheFilter()
    {
        var bots = new[] { await StartTokenBotAsync("fanout-1"), await StartTokenBotAsync("fanout-2") };

        await fixture.Feed.PublishAsync(FakeTokenFeed.TokenJson("fanout-buy"));
        await fixture.Feed.PublishAsync(FakeTokenFeed.TokenJson("fanout-tiny", initialBuy: 10, marketCapSol: 1));

        foreach (var bot in bots)
        {
            var signals = await Eventually.Get(() => FeedTraders.SignalsAsync(bot), s => s.Any(x => x.Symbol == "Tfanout-buy"), Within, "the buy signal");
            Assert.DoesNotContain(signals, s => s.Symbol == "Tfanout-tiny");
        }
    }

    [Fact]
    public async Task FiftyNewTokenBotsOnOneSiloAreOneSubscriberOfTheStreamAndEachGetsTheSignal()
    {
        var bots = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => StartTokenBotAsync($"fifty-{i}")));

        Assert.Single(await SubscribersAsync());
        await fixture.Feed.PublishAsync(FakeTokenFeed.TokenJson("fifty-buy"));
        foreach (var bot in bots)
        {
            await Eventually.Get(() => FeedTraders.SignalsAsync(bot), s => s.Any(x => x.Symbol == "Tfifty-buy"), Within, "the buy signal");
        }
    }

    [Fact]
    public async Task AConsumerActivatedAwayFromTheSiloItsKeyNamesDoesNotSubscribe()
    {
        await StartTokenBotAsync("away");

        await fixture.Grains.GetGrain<INewTokenListenerGrain>("10.9.9.9:11111@1").Keep();

        Assert.Single(await SubscribersAsync());
    }

    [Fact]
    public async Task ATokenSentTwiceIsDeliveredOnceAndTheDuplicateCounted()
    {
        await ConnectedAsync();

        // Settled first: an item another test published may still be on its way to the stream.
        var before = await Eventually.Get(() => FeedGrain.GetStats(), Settled, Within, "the items received before handled");

        await fixture.Feed.PublishAsync(FakeTokenFeed.TokenJson("dup-1"));
        await fixture.Feed.PublishAsync(FakeTokenFeed.TokenJson("dup-1"));

        var after = await Eventually.Get(() => FeedGrain.GetStats(), s => s.Received >= before.Received + 2 && Settled(s), Within, "both received and handled");
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

    private async Task<IEnumerable<Orleans.Streams.Core.StreamSubscription>> SubscribersAsync()
    {
        var streams = ((InProcessSiloHandle)fixture.Cluster.Silos[0]).ServiceProvider.GetRequiredKeyedService<IStreamProvider>(IFeedGrain.StreamProvider);
        Assert.True(streams.TryGetStreamSubscriptionManager(out var subscriptions));
        return await subscriptions!.GetSubscriptions(IFeedGrain.StreamProvider, StreamId.Create(IFeedGrain.NewTokens, "all"));
    }

    // Every item received was delivered or dropped: none is between the feed and the stream.
    private static bool Settled(FeedStats stats) => stats.Received == stats.Delivered + stats.Duplicates + stats.DroppedOverCap;

    private Task<FeedStats> ConnectedAsync() => FeedTraders.ConnectedAsync(fixture);

    private Task<IBotGrain> StartTokenBotAsync(string name) => FeedTraders.StartAsync(fixture, name);
}
