using OrleansBots.Bots;
using OrleansBots.Feeds;

namespace OrleansBots.Tests.Feeds;

/// <summary>MAX_TOKENS_PER_MINUTE and MAX_SIGNALS_PER_MINUTE under a burst, on a cluster of its own (cap 300).</summary>
[Collection(CappedFeedClusterCollection.Name)]
public sealed class FeedCapTests(CappedFeedClusterFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    private IFeedGrain FeedGrain => fixture.Grains.GetGrain<IFeedGrain>(IFeedGrain.NewTokens);

    [Fact]
    public async Task ABurstOverTheCapIsDroppedAndCountedAndEachUserGetsAtMostTheirSignalsPerMinute()
    {
        var bot = await StartTokenBotAsync("burst");
        var before = await FeedGrain.GetStats();
        Assert.Equal(0, before.Delivered);

        for (var i = 0; i < fixture.MaxTokensPerMinute + 200; i++)
        {
            await fixture.Feed.PublishAsync(FakeTokenFeed.TokenJson($"burst-{i}"));
        }

        var after = await Eventually.Get(
            () => FeedGrain.GetStats(), s => s.Received >= before.Received + fixture.MaxTokensPerMinute + 200, TimeSpan.FromSeconds(30), "the burst received");
        // The whole burst fits in one minute of a fresh cluster: exactly the cap goes on, the rest is counted.
        Assert.Equal(fixture.MaxTokensPerMinute, after.Delivered);
        Assert.Equal(200, after.DroppedOverCap);
        await Eventually.Get(() => FeedTraders.SignalsAsync(bot), s => s.Count >= 100, Within, "the user's signals");
        await Task.Delay(500);
        Assert.Equal(100, (await FeedTraders.SignalsAsync(bot)).Count);
    }

    private Task<IBotGrain> StartTokenBotAsync(string name) => FeedTraders.StartAsync(fixture, name);
}
