using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class SaveScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Fact]
    public void AQuietBotSavesOnceEveryInterval()
    {
        var saves = new SaveSchedule(Interval, new FixedRandom(0));
        saves.Saved(Start);

        Assert.False(saves.IsDue(Start.AddSeconds(5), traded: false, historyWaiting: false));
        Assert.False(saves.IsDue(Start.AddSeconds(29), traded: false, historyWaiting: false));
        Assert.True(saves.IsDue(Start.AddSeconds(30), traded: false, historyWaiting: false));
    }

    [Fact]
    public void ARoutineSaveThatFailedIsTriedAgainOnlyAnIntervalLater()
    {
        var saves = new SaveSchedule(Interval, new FixedRandom(0));
        saves.Saved(Start);
        Assert.True(saves.IsDue(Start.AddSeconds(30), traded: false, historyWaiting: false));
        saves.Attempting(Start.AddSeconds(30));

        // The save failed: the next ticks do not hammer the store that could not take it.
        Assert.False(saves.IsDue(Start.AddSeconds(35), traded: false, historyWaiting: false));
        Assert.False(saves.IsDue(Start.AddSeconds(55), traded: false, historyWaiting: false));
        Assert.True(saves.IsDue(Start.AddSeconds(60), traded: false, historyWaiting: false));
    }

    [Fact]
    public void ATradeIsSavedOnEveryTickUntilASaveSucceeds()
    {
        var saves = new SaveSchedule(Interval, new FixedRandom(0));
        saves.Saved(Start);

        Assert.True(saves.IsDue(Start.AddSeconds(5), traded: true, historyWaiting: false));
        saves.Attempting(Start.AddSeconds(5));
        Assert.True(saves.IsDue(Start.AddSeconds(10), traded: false, historyWaiting: false));
        saves.Attempting(Start.AddSeconds(10));
        saves.Saved(Start.AddSeconds(10));
        Assert.False(saves.IsDue(Start.AddSeconds(15), traded: false, historyWaiting: false));
    }

    [Fact]
    public void HistoryWaitingForItsStoreIsTriedAgainAtOnce()
    {
        var saves = new SaveSchedule(Interval, new FixedRandom(0));
        saves.Saved(Start);
        saves.Attempting(Start.AddSeconds(5));

        Assert.True(saves.IsDue(Start.AddSeconds(10), traded: false, historyWaiting: true));
    }

    [Fact]
    public void BotsThatStartTogetherSpreadTheirSavesOverTheSecondHalfOfTheInterval()
    {
        var random = new Random(42);
        var dueAfter = Enumerable.Range(0, 1000).Select(_ =>
        {
            var saves = new SaveSchedule(Interval, random);
            saves.Saved(Start);
            return Enumerable.Range(1, 30).First(s => saves.IsDue(Start.AddSeconds(s), traded: false, historyWaiting: false));
        }).ToList();

        Assert.InRange(dueAfter.Min(), 15, 16);
        Assert.Equal(30, dueAfter.Max());
        Assert.True(dueAfter.CountBy(s => s).Max(c => c.Value) < 100, "no second takes a tenth of the saves");
    }

    [Fact]
    public void ANewScheduleSavesOnItsFirstTick()
    {
        Assert.True(new SaveSchedule(Interval, new FixedRandom(0)).IsDue(Start, traded: false, historyWaiting: false));
    }

    /// <summary>Every wait the whole interval, as before waits were spread.</summary>
    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
