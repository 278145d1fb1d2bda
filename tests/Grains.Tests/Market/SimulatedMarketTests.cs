using Microsoft.Extensions.Options;
using OrleansBots.Market;

namespace OrleansBots.Tests.Market;

public sealed class SimulatedMarketTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static SimulatedMarket Market(ulong seed) => new(Options.Create(new MarketOptions { Seed = seed }));

    [Fact]
    public void TheSameSeedGivesTheSamePriceInEveryInstance()
    {
        Assert.Equal(Market(7).PriceAt("BTCUSDT", At), Market(7).PriceAt("BTCUSDT", At));
    }

    [Fact]
    public void AWalkFromAnotherEpochGivesTheSamePricesTheSameTimeAfterIt()
    {
        var later = At.AddDays(3).AddSeconds(17);
        var fromAt = new SimulatedMarket(Options.Create(new MarketOptions { Seed = 7, Epoch = At }));
        var fromLater = new SimulatedMarket(Options.Create(new MarketOptions { Seed = 7, Epoch = later }));

        var prices = Enumerable.Range(0, 120).Select(s => fromAt.PriceAt("BTCUSDT", At.AddSeconds(s))).ToList();

        Assert.Equal(prices, Enumerable.Range(0, 120).Select(s => fromLater.PriceAt("BTCUSDT", later.AddSeconds(s))));
        Assert.NotEqual(prices[60], Market(7).PriceAt("BTCUSDT", At.AddSeconds(60)));
    }

    [Fact]
    public void SeedsAndSymbolsGiveDifferentWalks()
    {
        Assert.NotEqual(Market(7).PriceAt("BTCUSDT", At), Market(8).PriceAt("BTCUSDT", At));
        Assert.NotEqual(Market(7).PriceAt("ETHUSDT", At) / 3_500m, Market(7).PriceAt("BTCUSDT", At) / 97_000m);
    }

    [Fact]
    public void PricesMoveLikeAWalkAroundTheBase()
    {
        var market = Market(42);
        var prices = Enumerable.Range(0, 600).Select(s => market.PriceAt("BTCUSDT", At.AddSeconds(s))).ToList();

        Assert.All(prices, p => Assert.InRange(p, 97_000m / 3, 97_000m * 3));
        Assert.True(prices.Distinct().Count() > 590);
        var largestStep = prices.Zip(prices.Skip(1), (a, b) => Math.Abs(b / a - 1)).Max();
        Assert.True(largestStep < 0.01m, $"one-second move of {largestStep:P2} is too jumpy for a random walk");
    }
}
