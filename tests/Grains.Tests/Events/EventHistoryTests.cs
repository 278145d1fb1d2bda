using OrleansBots.Bots;
using OrleansBots.Events;

namespace OrleansBots.Tests.Events;

public sealed class EventHistoryTests
{
    private static BotEventDraft Draft(int n) => new(BotEventKind.Signal, DateTimeOffset.UnixEpoch.AddSeconds(n));

    [Fact]
    public void EventsAreNumberedAfterTheLastNumberAndOnlyTheNewestAreKept()
    {
        var history = new EventHistory("bot", kept: 3, lastNumber: 10);

        var numbered = Enumerable.Range(1, 5).Select(n => history.Append(Draft(n))).ToList();

        Assert.Equal([11L, 12, 13, 14, 15], numbered);
        Assert.Equal([13L, 14, 15], history.Since(0).Events.Select(e => e.Sequence));
        Assert.Equal(15, history.Latest);
    }

    [Fact]
    public void AnEventReadBackCarriesTheBotsIdItsNumberAndWhatTheBotDid()
    {
        var history = new EventHistory("bot-7", kept: 3, lastNumber: 0);
        var trade = new Trade("bot-7-1", "BTCUSDT", TradeSide.Buy, 100m, 0.5m, DateTimeOffset.UnixEpoch);
        history.Append(new BotEventDraft(BotEventKind.Trade, trade.At, Trade: trade));

        var read = Assert.Single(history.Since(0).Events);

        Assert.Equal(new BotEvent(1, "bot-7", BotEventKind.Trade, trade.At, Trade: trade), read);
        Assert.Equal(read, Assert.Single(history.Kept));
    }

    [Fact]
    public void AReaderWhoseNextEventIsStillKeptIsCompleteAndOneFurtherBehindIsToldOfTheGap()
    {
        var history = new EventHistory("bot", kept: 3, lastNumber: 0);
        for (var n = 1; n <= 5; n++)
        {
            history.Append(Draft(n));
        }

        Assert.True(history.Since(3).Complete);
        Assert.Equal([4L, 5], history.Since(3).Events.Select(e => e.Sequence));
        Assert.True(history.Since(2).Complete);
        Assert.False(history.Since(1).Complete);
        Assert.Equal([3L, 4, 5], history.Since(1).Events.Select(e => e.Sequence));
    }

    [Fact]
    public void AReaderWithNothingToResumeGetsNoEventsAndTheNumberToGoOnFrom()
    {
        var history = new EventHistory("bot", kept: 3, lastNumber: 0);
        history.Append(Draft(1));

        var page = history.Since(long.MaxValue);

        Assert.Equal((0, true, 1L), (page.Events.Count, page.Complete, page.Latest));
    }

    [Fact]
    public void AfterACrashTheNumbersGoOnAfterTheReservationAndAnOlderReaderIsToldOfTheGap()
    {
        var restarted = new EventHistory("bot", kept: 3, lastNumber: 1000);

        Assert.False(restarted.Since(57).Complete);
        Assert.True(restarted.Since(1000).Complete);
        Assert.Equal(1001, restarted.Append(Draft(1)));
    }

    [Fact]
    public void AHistoryThatMovedGoesOnWithItsKeptEventsAndNumbers()
    {
        var before = new EventHistory("bot", kept: 3, lastNumber: 0);
        for (var n = 1; n <= 4; n++)
        {
            before.Append(Draft(n));
        }

        var moved = EventHistory.Continuing("bot", kept: 3, before.Latest, before.Kept);
        var next = moved.Append(Draft(5));

        // A reader that had event 2 misses nothing, where a history started afresh after 4 would tell it of a gap.
        Assert.Equal(5, next);
        Assert.True(moved.Since(2).Complete);
        Assert.Equal([3L, 4, 5], moved.Since(2).Events.Select(e => e.Sequence));
        Assert.False(new EventHistory("bot", kept: 3, lastNumber: 4).Since(2).Complete);
    }
}
