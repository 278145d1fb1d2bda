using OrleansBots.Bots;
using OrleansBots.Roster;

namespace OrleansBots.Tests.Roster;

public sealed class BotCountsTests
{
    [Fact]
    public void ABotThatMovesLeavesOneStateAndEntersAnother()
    {
        var counts = new BotCounts(new Dictionary<BotStatus, int>(), []);

        counts.Moved(null, BotStatus.Created);
        counts.Moved(null, BotStatus.Created);
        counts.Moved(BotStatus.Created, BotStatus.Running);
        counts.Moved(BotStatus.Running, BotStatus.Stopped);
        counts.Moved(BotStatus.Created, BotStatus.Running);

        var all = counts.All();
        Assert.Equal((0, 1, 1), (all[BotStatus.Created], all[BotStatus.Running], all[BotStatus.Stopped]));
        Assert.Equal(Enum.GetValues<BotStatus>().Length, all.Count);
    }

    [Fact]
    public void ARosterStoredAsAListOfBotsBecomesCountsAddedToTheStoredOnes()
    {
        var counts = new BotCounts(
            new Dictionary<BotStatus, int> { [BotStatus.Running] = 2 },
            [BotStatus.Running, BotStatus.Stopped, BotStatus.Running]);

        Assert.Equal((4, 1), (counts.All()[BotStatus.Running], counts.All()[BotStatus.Stopped]));
    }

    [Fact]
    public void OneShardsCountOfAStateGoesBelowZeroWhenTheBotEnteredItInAnotherShard()
    {
        var counts = new BotCounts(new Dictionary<BotStatus, int>(), []);

        counts.Moved(BotStatus.Running, BotStatus.Stopped);

        Assert.Equal((-1, 1), (counts.All()[BotStatus.Running], counts.All()[BotStatus.Stopped]));
    }
}
