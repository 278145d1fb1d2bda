using OrleansBots.Events;

namespace OrleansBots.Tests.Events;

public sealed class EventHistoryTests
{
    private static BotEventDraft Draft(int n) => new(BotEventKind.Signal, DateTimeOffset.UnixEpoch.AddSeconds(n));

    [Fact]
    public void EventsAreNumberedAfterTheLastNumberAndOnlyTheNewestAreKept()
    {
        var history = new EventHistory(kept: 3, lastNumber: 10);

        var numbered = Enumerable.Range(1, 5).Select(n => history.Append("bot", Draft(n)).Sequence).ToList();

        Assert.Equal([11L, 12, 13, 14, 15], numbered);
        Assert.Equal([13L, 14, 15], history.Since(0).Events.Select(e => e.Sequence));
        Assert.Equal(15, history.Latest);
    }

    [Fact]
    public void AReaderWhoseNextEventIsStillKeptIsCompleteAndOneFurtherBehindIsToldOfTheGap()
    {
        var history = new EventHistory(kept: 3, lastNumber: 0);
        for (var n = 1; n <= 5; n++)
        {
            history.Append("bot", Draft(n));
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
        var history = new EventHistory(kept: 3, lastNumber: 0);
        history.Append("bot", Draft(1));

        var page = history.Since(long.MaxValue);

        Assert.Equal((0, true, 1L), (page.Events.Count, page.Complete, page.Latest));
    }

    [Fact]
    public void AfterACrashTheNumbersGoOnAfterTheReservationAndAnOlderReaderIsToldOfTheGap()
    {
        var restarted = new EventHistory(kept: 3, lastNumber: 1000);

        Assert.False(restarted.Since(57).Complete);
        Assert.True(restarted.Since(1000).Complete);
        Assert.Equal(1001, restarted.Append("bot", Draft(1)).Sequence);
    }

    [Fact]
    public void AHistoryThatMovedGoesOnWithItsKeptEventsAndNumbers()
    {
        var before = new EventHistory(kept: 3, lastNumber: 0);
        for (var n = 1; n <= 4; n++)
        {
            before.Append("bot", Draft(n));
        }

        var moved = EventHistory.Continuing(kept: 3, before.Latest, before.Kept);
        var next = moved.Append("bot", Draft(5));

        // A reader that had event 2 misses nothing, where a history started afresh after 4 would tell it of a gap.
        Assert.Equal(5, next.Sequence);
        Assert.True(moved.Since(2).Complete);
        Assert.Equal([3L, 4, 5], moved.Since(2).Events.Select(e => e.Sequence));
        Assert.False(new EventHistory(kept: 3, lastNumber: 4).Since(2).Complete);
    }
}
