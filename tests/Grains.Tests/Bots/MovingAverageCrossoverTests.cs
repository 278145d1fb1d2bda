using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class MovingAverageCrossoverTests
{
    [Fact]
    public void BuysWhenTheShortAverageCrossesAboveTheLongOne()
    {
        var strategy = new MovingAverageCrossover(2, 4, [], holding: false);
        var decisions = new[] { 10m, 9m, 8m, 7m, 6m, 9m, 12m }.Select(strategy.Observe).ToList();

        Assert.Equal(CrossoverDecision.Buy, decisions.Last(d => d != CrossoverDecision.Hold));
        Assert.Single(decisions, d => d != CrossoverDecision.Hold);
    }

    [Fact]
    public void SellsOnTheCrossBelowOnlyWhenHolding()
    {
        var flat = new MovingAverageCrossover(2, 4, [6m, 7m, 8m, 9m], holding: false);
        var holding = new MovingAverageCrossover(2, 4, [6m, 7m, 8m, 9m], holding: true);

        var prices = new[] { 5m, 3m };

        Assert.All(prices.Select(flat.Observe), d => Assert.Equal(CrossoverDecision.Hold, d));
        Assert.Contains(CrossoverDecision.Sell, prices.Select(holding.Observe).ToList());
    }

    [Fact]
    public void ARefusedTradeLeavesThePositionUnchanged()
    {
        var strategy = new MovingAverageCrossover(2, 4, [10m, 9m, 8m, 7m], holding: false);
        var decision = new[] { 9m, 12m }.Select(strategy.Observe).First(d => d != CrossoverDecision.Hold);

        Assert.Equal(CrossoverDecision.Buy, decision);
        Assert.False(strategy.Holding);
        strategy.Filled(decision);
        Assert.True(strategy.Holding);
    }

    [Fact]
    public void KeepsOnlyTheLongWindowOfPrices()
    {
        var strategy = new MovingAverageCrossover(2, 4, [], holding: false);
        foreach (var price in Enumerable.Range(1, 10))
        {
            strategy.Observe(price);
        }

        Assert.Equal([7m, 8m, 9m, 10m], strategy.Prices);
    }

    [Fact]
    public void ThePriceWindowIsSizedOnceForTheLongWindowAndNeverGrowsWhileTicking()
    {
        var fresh = new List<decimal>();
        var restored = Enumerable.Range(1, 4).Select(i => (decimal)i).ToList();
        var strategies = new[] { new MovingAverageCrossover(2, 4, fresh, holding: false), new MovingAverageCrossover(2, 4, restored, holding: false) };

        Assert.Equal(5, fresh.Capacity);
        Assert.Equal(5, restored.Capacity);
        foreach (var price in Enumerable.Range(1, 50))
        {
            foreach (var strategy in strategies)
            {
                strategy.Observe(price);
            }
        }

        Assert.Equal(5, fresh.Capacity);
        Assert.Equal(5, restored.Capacity);
        Assert.Equal([47m, 48m, 49m, 50m], fresh);
    }
}
