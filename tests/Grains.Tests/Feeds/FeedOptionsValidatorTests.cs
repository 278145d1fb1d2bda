using OrleansBots.Feeds;

namespace OrleansBots.Tests.Feeds;

public sealed class FeedOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() => Assert.Null(FeedOptionsValidator.Problem(new FeedOptions()));

    [Fact]
    public void AFeedAddressMustBeAWebSocket()
    {
        Assert.StartsWith("Feeds:NewTokensUrl", FeedOptionsValidator.Problem(new FeedOptions { NewTokensUrl = "https://pumpportal.fun/api/data" }));
        Assert.StartsWith("Feeds:MarketStreamUrl", FeedOptionsValidator.Problem(new FeedOptions { MarketStreamUrl = "http://stream" }));
    }

    [Fact]
    public void TheReconnectDelayAndTheTokenCapMustBePositive()
    {
        Assert.Contains("WEBSOCKET_RECONNECT", FeedOptionsValidator.Problem(new FeedOptions { ReconnectDelay = TimeSpan.Zero }));
        Assert.Contains("MAX_TOKENS_PER_MINUTE", FeedOptionsValidator.Problem(new FeedOptions { MaxTokensPerMinute = 0 }));
    }

    [Fact]
    public void AKlineIntervalMustBeBinances() =>
        Assert.Contains("Feeds:KlineInterval", FeedOptionsValidator.Problem(new FeedOptions { KlineInterval = "7m" }));
}
