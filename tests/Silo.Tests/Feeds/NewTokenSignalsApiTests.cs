using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Feeds;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Feeds;

namespace OrleansBots.Silo.Tests.Feeds;

/// <summary>A new_tokens bot's signals from the fake PumpPortal feed, read by its owner through the HTTP API of a real silo.</summary>
public sealed class NewTokenSignalsApiTests
{
    [Fact]
    public async Task SignalsFromTheNewTokenFeedAppearInTheBotsSignalsAndInItsEventStream()
    {
        await using var feed = await FakeTokenFeed.StartAsync();
        await using var silo = await SingleSilo.StartAsync(new Dictionary<string, string>
        {
            ["Feeds__NewTokensUrl"] = feed.Url,
            ["Feeds__KeepInterval"] = "00:00:00.500",
        });
        var (_, user) = await silo.NewUserAsync("token-signals");
        var bot = await user.CreateBotAsync(new CreateBotRequest("token-bot", Symbols: ["BTCUSDT"], TickSeconds: 60, Strategy: "new_tokens"));
        await user.StartBotAsync(bot.BotId);
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var signalEvent = user.WatchAsync(bot.BotId, afterSequence: 0, cancellationToken: watching.Token)
            .FirstAsync(e => e.Type == BotEventView.SignalType && e.Signal!.Symbol.StartsWith("Tapi-", StringComparison.Ordinal), watching.Token).AsTask();

        var signal = await NewTokenFeeds.SignalAfterPublishingAsync(feed, user, bot.BotId, "api");

        Assert.Equal("buy", signal.Kind);
        var tiny = "tiny-" + Guid.NewGuid().ToString("N")[..8];
        await feed.PublishAsync(FakeTokenFeed.TokenJson(tiny, initialBuy: 10, marketCapSol: 1));
        var streamed = await signalEvent;
        Assert.Equal("buy", streamed.Signal!.Kind);
        Assert.StartsWith("Tapi-", streamed.Signal.Symbol, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(await user.GetSignalsAsync(bot.BotId), s => s.Symbol == "T" + tiny);

        // The fan-out's lag (feed received → the silo's consumer has it) is a metric.
        Assert.Contains(FeedInstruments.DeliveryLag, await silo.Http.GetStringAsync("metrics"), StringComparison.Ordinal);
    }
}
