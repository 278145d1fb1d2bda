using OrleansBots.Bots;
using OrleansBots.Events;

namespace OrleansBots.Tests.Events;

public sealed class KeptEventsBudgetTests
{
    private static BotEventDraft Draft(int n) =>
        new(BotEventKind.Signal, DateTimeOffset.UnixEpoch.AddSeconds(n), Signal: new Signal(DateTimeOffset.UnixEpoch.AddSeconds(n), "BTCUSDT", "buy", $"bought {n}"));

    [Fact]
    public void OverTheBudgetTheSilosOldestEventsGoFirstWhicheverLogTheyAreIn()
    {
        var perEvent = KeptEventsBudget.SizeOf("old", Draft(1));
        var budget = new KeptEventsBudget(50 * perEvent + perEvent / 2);
        var old = new EventHistory("old", kept: 100, lastNumber: 0, budget);
        var busy = new EventHistory("new", kept: 100, lastNumber: 0, budget);
        for (var n = 1; n <= 30; n++)
        {
            old.Append(Draft(n));
        }

        for (var n = 1; n <= 40; n++)
        {
            busy.Append(Draft(n));
        }

        // 70 events of about the same size, room for 50: the old log's first 20 or so went, the busy log kept all 40.
        Assert.InRange(budget.Bytes, 45 * perEvent, 50 * perEvent + perEvent / 2);
        Assert.Equal(40, busy.Kept.Count);
        Assert.InRange(old.Kept.Count, 5, 12);
        Assert.Equal(30, old.Kept[^1].Sequence);
        Assert.False(old.Since(0).Complete);
        Assert.True(busy.Since(0).Complete);
    }

    [Fact]
    public void AClosedLogsEventsNoLongerCountButStayReadableForItsHandover()
    {
        var budget = new KeptEventsBudget(1024 * 1024);
        var history = new EventHistory("bot", kept: 10, lastNumber: 0, budget);
        for (var n = 1; n <= 5; n++)
        {
            history.Append(Draft(n));
        }

        Assert.True(budget.Bytes > 0);

        history.Close();

        Assert.Equal(0, budget.Bytes);
        Assert.Equal([1L, 2, 3, 4, 5], history.Kept.Select(e => e.Sequence));
    }

    [Fact]
    public void ALogsOwnBoundStillAppliesAndWhatItDroppedNoLongerCounts()
    {
        var budget = new KeptEventsBudget(1024 * 1024);
        var history = new EventHistory("bot", kept: 3, lastNumber: 0, budget);
        for (var n = 1; n <= 20_000; n++)
        {
            history.Append(Draft(n));
        }

        Assert.Equal([19_998L, 19_999, 20_000], history.Kept.Select(e => e.Sequence));
        Assert.Equal(history.Kept.Sum(e => KeptEventsBudget.SizeOf(e.BotId, BotEventDraft.Of(e))), budget.Bytes);
        Assert.InRange(budget.ArrivalEntries, 3, 2 * 3 + 1024 + 1);
    }

    [Fact]
    public void AnEventsEstimateGrowsWithItsText()
    {
        var brief = KeptEventsBudget.SizeOf("bot", Draft(1));
        var wordy = KeptEventsBudget.SizeOf("bot", Draft(1) with { Signal = new Signal(DateTimeOffset.UnixEpoch, "BTCUSDT", "buy", new string('x', 500)) });

        Assert.True(wordy >= brief + 2 * 490);
    }
}
