using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class TickScheduleTests
{
    private readonly TickSchedule _schedule = new();

    [Fact]
    public void TicksComeDueEarliestFirstAndEachOnlyOnce()
    {
        var (a, b, c) = (Tick(), Tick(), Tick());
        _schedule.Schedule(b, 20);
        _schedule.Schedule(c, 30);
        _schedule.Schedule(a, 10);

        Assert.Equal([a, b], Due(25));
        Assert.Equal([c], Due(30));
        Assert.Empty(Due(1_000));
    }

    [Fact]
    public void ATickNotDueYetWaits()
    {
        var tick = Tick();
        _schedule.Schedule(tick, 100);

        Assert.Empty(Due(99));
        Assert.Equal([tick], Due(100));
    }

    [Fact]
    public void ATickScheduledAgainIsDueOnlyAtItsNewTime()
    {
        var tick = Tick();
        _schedule.Schedule(tick, 10);
        _schedule.Schedule(tick, 50);

        Assert.Empty(Due(40));
        Assert.Equal([tick], Due(50));
    }

    [Fact]
    public void ACancelledTickIsNotDueUntilScheduledAgain()
    {
        var tick = Tick();
        _schedule.Schedule(tick, 10);
        _schedule.Cancel(tick);

        Assert.Empty(Due(100));

        _schedule.Schedule(tick, 200);
        Assert.Equal([tick], Due(200));
    }

    [Fact]
    public void ReplacedAndCancelledEntriesAreDroppedWhenTheirTimeComes()
    {
        var tick = Tick();
        for (var due = 1; due <= 10; due++)
        {
            _schedule.Schedule(tick, due);
        }

        Due(9);
        Assert.Equal(1, _schedule.Entries);
    }

    private static ScheduledTick Tick() => new(_ => { });

    private List<ScheduledTick> Due(long now)
    {
        var due = new List<ScheduledTick>();
        _schedule.TakeDue(now, due);
        return due;
    }
}
