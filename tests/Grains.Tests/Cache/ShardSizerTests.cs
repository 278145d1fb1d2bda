using OrleansBots.Cache;
using OrleansBots.Tests.Quotas;

namespace OrleansBots.Tests.Cache;

public sealed class ShardSizerTests
{
    private const long Ceiling = 1000;

    private static readonly CacheOptions Options = new();

    [Fact]
    public void AHighHitRateGrowsTheBudgetByATenthUpToTheCeiling()
    {
        Assert.Equal(700, ShardSizer.NextBudget(Ceiling, 600, hits: 90, misses: 10, underPressure: false, Options));
        Assert.Equal(Ceiling, ShardSizer.NextBudget(Ceiling, 950, hits: 90, misses: 10, underPressure: false, Options));
    }

    [Fact]
    public void ALowHitRateShrinksTheBudgetDownToTheFloor()
    {
        Assert.Equal(900, ShardSizer.NextBudget(Ceiling, Ceiling, hits: 10, misses: 90, underPressure: false, Options));
        Assert.Equal(250, ShardSizer.NextBudget(Ceiling, 260, hits: 10, misses: 90, underPressure: false, Options));
    }

    [Fact]
    public void AMiddlingHitRateOrTooFewLookupsKeepTheBudget()
    {
        Assert.Equal(800, ShardSizer.NextBudget(Ceiling, 800, hits: 50, misses: 50, underPressure: false, Options));
        Assert.Equal(800, ShardSizer.NextBudget(Ceiling, 800, hits: 0, misses: 99, underPressure: false, Options));
    }

    [Fact]
    public void MemoryPressureShedsToTheConfiguredFractionWhateverTheHitRate()
    {
        Assert.Equal(500, ShardSizer.NextBudget(Ceiling, Ceiling, hits: 100, misses: 0, underPressure: true, Options));
        Assert.Equal(400, ShardSizer.NextBudget(Ceiling, 400, hits: 100, misses: 0, underPressure: true, Options));
    }
}
