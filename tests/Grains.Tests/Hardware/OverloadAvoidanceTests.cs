using OrleansBots.Hardware;

namespace OrleansBots.Tests.Hardware;

public sealed class OverloadAvoidanceTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Theory]
    [InlineData(95, 40)]
    [InlineData(30, 95)]
    public void ANewBotIsNeverPlacedOnASiloOverALimitWhileAnotherIsUnder(double cpu, double memory)
    {
        var loads = new Dictionary<string, SiloLoadSample>
        {
            ["busy"] = new(cpu, memory, cpu > 70, Now),
            ["calm"] = new(20, 30, false, Now),
        };

        var chosen = Enumerable.Range(0, 200).Select(seed =>
            OverloadAvoidance.Choose(["busy", "calm"], s => loads[s], 80, 90, new Random(seed))).ToHashSet();

        Assert.Equal(["calm"], chosen);
    }

    [Fact]
    public void SilosUnderTheLimitsShareNewBots()
    {
        var chosen = Enumerable.Range(0, 200).Select(seed =>
            OverloadAvoidance.Choose(["a", "b", "c"], _ => new SiloLoadSample(50, 50, false, Now), 80, 90, new Random(seed))).ToHashSet();

        Assert.Equal(3, chosen.Count);
    }

    [Fact]
    public void WhenEverySiloIsOverloadedTheLeastLoadedOneIsChosen()
    {
        var loads = new Dictionary<string, SiloLoadSample>
        {
            ["a"] = new(99, 50, true, Now),
            ["b"] = new(85, 60, true, Now),
            ["c"] = new(60, 99, false, Now),
        };

        Assert.Equal("b", OverloadAvoidance.Choose(["a", "b", "c"], s => loads[s], 80, 90, new Random(1)));
    }

    [Fact]
    public void ASiloWhoseLoadIsUnknownCountsAsFit()
    {
        var chosen = OverloadAvoidance.Choose(["busy", "new"], s => s == "busy" ? new SiloLoadSample(99, 99, true, Now) : null, 80, 90, new Random(3));

        Assert.Equal("new", chosen);
    }
}
