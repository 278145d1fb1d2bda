using Microsoft.Extensions.Time.Testing;
using OrleansBots.Feeds;

namespace OrleansBots.Tests.Feeds;

public sealed class FeedPartsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-02T12:00:00Z"));

    [Fact]
    public void APumpPortalCreateEventIsANewTokenAndTheSubscriptionConfirmationIsNot()
    {
        var token = PumpPortalMessage.Parse(FakeTokenFeed.TokenJson("abc"), _time.GetUtcNow())!;

        Assert.Equal("abc", token.Mint);
        Assert.Equal("Tabc", token.Symbol);
        Assert.Equal(30m, token.MarketCapSol);
        Assert.Null(PumpPortalMessage.Parse("""{"message":"Successfully subscribed to token creation events."}""", _time.GetUtcNow()));
        Assert.Null(PumpPortalMessage.Parse("""{"mint":"x","txType":"buy"}""", _time.GetUtcNow()));
        Assert.Null(PumpPortalMessage.Parse("{not json", _time.GetUtcNow()));
    }

    [Fact]
    public void TheMinuteWindowCapsAndForgetsWhatLeftTheMinute()
    {
        var window = new MinuteWindow(_time);

        var first = Enumerable.Range(0, 15).Count(_ => window.TryAdd(10));
        _time.Advance(TimeSpan.FromSeconds(59));
        var stillFull = window.TryAdd(10);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(10, first);
        Assert.False(stillFull);
        Assert.True(window.TryAdd(10));
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public void RecentKeysDropRepeatsAndForgetTheOldestBeyondTheirCapacity()
    {
        var keys = new RecentKeys(2);

        Assert.True(keys.Add("a"));
        Assert.False(keys.Add("a"));
        Assert.True(keys.Add("b"));
        Assert.True(keys.Add("c"));
        Assert.True(keys.Add("a"));
    }

    [Fact]
    public void AFeedLagsWithTooFewItemsAMinuteOrTooLongASilenceButNotInItsFirstMinute()
    {
        var lag = new FeedLag(5, TimeSpan.FromSeconds(60), _time);
        lag.Connected();
        lag.Item();

        var fresh = lag.Lagging;
        _time.Advance(TimeSpan.FromSeconds(61));
        var fewItems = lag.Lagging;
        for (var i = 0; i < 5; i++)
        {
            lag.Item();
        }

        var busy = lag.Lagging;
        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.False(fresh);
        Assert.True(fewItems);
        Assert.False(busy);
        Assert.True(lag.Lagging);
        Assert.Equal(0, lag.ItemsLastMinute);
    }
}
