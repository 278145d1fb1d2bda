using OrleansBots.Bots;
using OrleansBots.Roster;

namespace OrleansBots.Tests.Roster;

public sealed class RosterSliceTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Fact]
    public void UsersComeInOrdinalOrderAfterTheCursorAPageAtATime()
    {
        var slice = RosterSlice.Restore(new RosterShardState());
        foreach (var id in new[] { "carol", "Bob", "alice", "dave", "bob" })
        {
            slice.Add(id);
        }

        Assert.False(slice.Add("alice"));
        Assert.Equal(["Bob", "alice"], slice.After(null, 2));
        Assert.Equal(["bob", "carol"], slice.After("alice", 2));
        Assert.Equal(["bob", "carol", "dave"], slice.After("b", 10));
        Assert.Equal(["Bob"], slice.After("A", 1));
        Assert.Empty(slice.After("dave", 10));
        Assert.Empty(slice.After("zz", 10));
        Assert.Empty(RosterSlice.Restore(new RosterShardState()).After("a", 10));
    }

    [Fact]
    public void ARemovedUserIsNoLongerListedOrCountedAndTakesTheirTradesOfTodayAlong()
    {
        var slice = RosterSlice.Restore(new RosterShardState());
        slice.Add("alice");
        slice.Add("bob");
        slice.TradesCounted(Today, 4);
        slice.TradesCounted(Today, 1);

        Assert.True(slice.Remove("alice", Today, 3));
        Assert.False(slice.Remove("alice", Today, 3));
        Assert.True(slice.Remove("bob", Today.AddDays(-1), 9));

        var summary = slice.Summary();
        Assert.Equal((0, 2), (summary.Users, summary.TradesToday));
        Assert.Empty(slice.After(null, 10));
    }

    [Fact]
    public void TradesStartAgainOnANewDayAndALateTradeOfThePastDayIsNotCounted()
    {
        var slice = RosterSlice.Restore(new RosterShardState { TradesDay = Today.AddDays(-1), TradesToday = 40 });

        slice.TradesCounted(Today, 1);
        slice.TradesCounted(Today.AddDays(-1), 5);
        slice.TradesCounted(Today, 2);

        Assert.Equal((Today, 3), (slice.Summary().TradesDay, slice.Summary().TradesToday));
    }

    [Fact]
    public void EachShardTakesItsUsersOfTheOneRecordRosterAndShardZeroItsBotCounts()
    {
        var users = Enumerable.Range(0, 500).Select(i => $"user-{i}").ToHashSet(StringComparer.Ordinal);
        var directory = new RosterState
        {
            UserIds = users,
            BotCounts = new Dictionary<BotStatus, int> { [BotStatus.Running] = 3 },
            Bots = new Dictionary<string, BotStatus> { ["bot_1"] = BotStatus.Created },
        };

        var slices = Enumerable.Range(0, IRosterShardGrain.ShardCount).Select(shard => (shard, slice: RosterSlice.TakeOver(directory, shard))).ToList();

        Assert.Equal(users.Order(StringComparer.Ordinal), slices.SelectMany(s => s.slice.After(null, 1000)).Order(StringComparer.Ordinal));
        Assert.All(slices, s => Assert.All(s.slice.After(null, 1000), id => Assert.Equal(s.shard, RosterShards.ShardOf(id))));
        Assert.InRange(slices.Max(s => s.slice.UserCount), 1, 30);
        var totals = RosterTotals.Of(slices.Select(s => s.slice.Summary()), Today);
        Assert.Equal((500, 3, 1), (totals.Users, totals.Bots[BotStatus.Running], totals.Bots[BotStatus.Created]));
        Assert.True(slices.All(s => s.slice.ToState().TookOverDirectory));
    }

    [Fact]
    public void AStoredSliceRestoresAsItWasWritten()
    {
        var slice = RosterSlice.Restore(new RosterShardState());
        slice.Add("alice");
        slice.Bots.Moved(null, BotStatus.Created);
        slice.TradesCounted(Today, 1);

        var restored = RosterSlice.Restore(slice.ToState());

        Assert.Equal(slice.Summary().Users, restored.Summary().Users);
        Assert.Equal(slice.Summary().BotCounts, restored.Summary().BotCounts);
        Assert.Equal((Today, 1), (restored.Summary().TradesDay, restored.Summary().TradesToday));
        Assert.Equal(["alice"], restored.After(null, 10));
    }
}
