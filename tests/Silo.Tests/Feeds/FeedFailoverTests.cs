using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Feeds;

namespace OrleansBots.Silo.Tests.Feeds;

/// <summary>The new-token feed on two silo processes (Redis membership, PostgreSQL state) with a fake PumpPortal feed in the test.</summary>
public sealed class FeedFailoverTests
{
    [RequiresServersFact(redis: true)]
    public async Task AfterTheKillOfTheFeedsSiloTheFeedReconnectsOnTheSurvivorWithOneConnectionAndBotsGetTokensAgain()
    {
        await using var feed = await FakeTokenFeed.StartAsync();

        // Silo A starts alone, so the feed's one connection is made from A: the victim.
        await using var pair = await SiloPair.StartFirstAsync("feed-failover", maxConcurrentBots: 10, new Dictionary<string, string>
        {
            ["Feeds__NewTokensUrl"] = feed.Url,
            ["Feeds__KeepInterval"] = "00:00:00.500",
            ["WEBSOCKET_RECONNECT"] = "1",
        });
        await Eventually.Get(() => Task.FromResult((feed.OpenConnections, feed.Subscriptions)), f => f == (1, 1), TimeSpan.FromSeconds(30), "the feed connected from silo A");
        await pair.StartSecondAsync();
        var (victim, survivor) = (pair.A, pair.B);
        using var http = survivor.CreateHttpClient();
        var apiKey = (await new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken).CreateUserAsync(new CreateUserRequest("feed-failover-user"))).ApiKey;
        var user = new OrleansBotsUserClient(http, apiKey);
        var bot = await user.CreateBotAsync(new CreateBotRequest("token-bot", Symbols: ["BTCUSDT"], TickSeconds: 60, Strategy: "new_tokens"));
        await user.StartBotAsync(bot.BotId);
        await NewTokenFeeds.SignalAfterPublishingAsync(feed, user, bot.BotId, "before");
        Assert.Equal(1, feed.Connections);

        await victim.KillAsync();

        await Eventually.Get(
            () => Task.FromResult((feed.Connections, feed.OpenConnections)), f => f.Connections > 1 && f.OpenConnections == 1, TimeSpan.FromSeconds(60),
            "the feed connected again from the survivor");
        SignalView after;
        try
        {
            after = await NewTokenFeeds.SignalAfterPublishingAsync(feed, user, bot.BotId, "after");
        }
        catch (TimeoutException missing)
        {
            // What the survivor did is the only clue to why the bot got no tokens.
            throw new TimeoutException($"{missing.Message}; the survivor's log ends with:\n{survivor.Log[^Math.Min(survivor.Log.Length, 6000)..]}", missing);
        }

        Assert.Equal("buy", after.Kind);

        // A second connection would show up within a few keeper rounds (half a second apart here).
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(1, feed.OpenConnections);
        Assert.Equal(2, feed.Connections);
        Assert.Equal(2, feed.Subscriptions);
    }
}
