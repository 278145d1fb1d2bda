using OrleansBots.Hardware;

namespace OrleansBots.Tests.Hardware;

public sealed class RebalancePlanTests
{
    private static readonly RebalanceOptions Defaults = new();

    private static RebalancePlan.Silo<string> Silo(string id, int running, int weight = 100, bool canReceive = true) => new(id, running, weight, canReceive);

    [Fact]
    public void ASiloWithEveryBotHandsHalfToTheSiloThatJoined()
    {
        var moves = RebalancePlan.MovesFrom("a", [Silo("a", 30), Silo("b", 0)], Defaults);

        Assert.Equal([("b", 15)], moves);
    }

    [Fact]
    public void TheExcessGoesToTheSilosUnderTheirShareInProportionToWhatTheyLack()
    {
        var moves = RebalancePlan.MovesFrom("a", [Silo("a", 300), Silo("b", 0), Silo("c", 60)], Defaults);

        Assert.Equal([("b", 120), ("c", 60)], moves);
    }

    [Fact]
    public void SilosOverTheirShareTogetherSendEachReceiverWhatItLacksAndNoMore()
    {
        var silos = new[] { Silo("a", 90), Silo("b", 60), Silo("c", 0) };

        var received = new[] { "a", "b" }.SelectMany(sender => RebalancePlan.MovesFrom(sender, silos, Defaults)).ToList();

        Assert.All(received, move => Assert.Equal("c", move.Target));
        Assert.Equal(50, received.Sum(move => move.Bots));
    }

    [Fact]
    public void ASiloWithinTheToleranceOfItsShareMovesNothing()
    {
        Assert.Empty(RebalancePlan.MovesFrom("a", [Silo("a", 105), Silo("b", 95)], Defaults));
        Assert.Empty(RebalancePlan.MovesFrom("a", [Silo("a", 12), Silo("b", 4)], Defaults));
    }

    [Fact]
    public void SharesFollowEachSilosRecommendedMaximum()
    {
        var moves = RebalancePlan.MovesFrom("small", [Silo("small", 90, weight: 100), Silo("large", 0, weight: 200)], Defaults);

        Assert.Equal([("large", 60)], moves);
    }

    [Fact]
    public void ASiloThatCannotTakeMoreReceivesNothing()
    {
        Assert.Empty(RebalancePlan.MovesFrom("a", [Silo("a", 40), Silo("busy", 0, canReceive: false)], Defaults));
        Assert.Equal([("calm", 13)], RebalancePlan.MovesFrom("a", [Silo("a", 40), Silo("busy", 0, canReceive: false), Silo("calm", 0)], Defaults));
    }

    [Fact]
    public void OneRoundMovesAtMostTheConfiguredNumberOfBots()
    {
        var moves = RebalancePlan.MovesFrom("a", [Silo("a", 10_000), Silo("b", 0)], new RebalanceOptions { MaxMovesPerRound = 200 });

        Assert.Equal([("b", 200)], moves);
    }

    [Fact]
    public void ALoneSiloOrOneMissingFromTheFiguresMovesNothing()
    {
        Assert.Empty(RebalancePlan.MovesFrom("a", [Silo("a", 50)], Defaults));
        Assert.Empty(RebalancePlan.MovesFrom("x", [Silo("a", 50), Silo("b", 0)], Defaults));
    }
}
