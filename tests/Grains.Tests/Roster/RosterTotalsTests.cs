using OrleansBots.Bots;
using OrleansBots.Roster;

namespace OrleansBots.Tests.Roster;

public sealed class RosterTotalsTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Fact]
    public void ShardsAddUpAndAStatesSumNeverShowsBelowZero()
    {
        var totals = RosterTotals.Of(
            [
                new RosterShardSummary(3, Counts((BotStatus.Running, 2), (BotStatus.Created, 1)), Today, 5),
                new RosterShardSummary(2, Counts((BotStatus.Running, -1), (BotStatus.Stopped, 1), (BotStatus.Failed, -1)), Today, 1),
            ],
            Today);

        Assert.Equal((5, 6), (totals.Users, totals.TradesToday));
        Assert.Equal((1, 1, 1, 0), (totals.Bots[BotStatus.Running], totals.Bots[BotStatus.Created], totals.Bots[BotStatus.Stopped], totals.Bots[BotStatus.Failed]));
        Assert.Equal(Enum.GetValues<BotStatus>().Length, totals.Bots.Count);
    }

    [Fact]
    public void TradesOfAnotherDayAreNotToday()
    {
        var totals = RosterTotals.Of(
            [new RosterShardSummary(1, Counts(), Today.AddDays(-1), 7), new RosterShardSummary(1, Counts(), Today, 2)],
            Today);

        Assert.Equal(2, totals.TradesToday);
    }

    private static Dictionary<BotStatus, int> Counts(params (BotStatus Status, int Count)[] counts) =>
        counts.ToDictionary(c => c.Status, c => c.Count);
}
