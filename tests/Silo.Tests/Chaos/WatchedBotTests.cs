namespace OrleansBots.Silo.Tests.Chaos;

/// <summary>How the harness bounds the time a bot took to tick again after an event, from what it read.</summary>
public sealed class WatchedBotTests
{
    private static readonly DateTimeOffset Event = new(2026, 12, 3, 20, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void ABotReadLateThatKeptTickingIsBackWithinAboutAnInterval()
    {
        var bot = Bot();
        bot.Saw(Event - (0.5 * Second), ticks: 100, restarts: 0, tradesTotal: 0, silo: "a");

        // Read again only 5.5 s after the event, five ticks later: one of them at most fell before the event.
        bot.Saw(Event + (5.5 * Second), ticks: 106, restarts: 0, tradesTotal: 0, silo: "a");

        Assert.Equal(5.5 * Second, bot.SeenAfter(Event, Event + (10 * Second)));
        var back = bot.BackAfter(Event, Event + (10 * Second))!.Value;
        Assert.True(back <= 1.3 * Second, $"back after {back}");
    }

    [Fact]
    public void ABotThatStoppedTickingIsBackOnlyWhenItsNextTickWasRead()
    {
        var bot = Bot();
        bot.Saw(Event - (0.5 * Second), ticks: 100, restarts: 0, tradesTotal: 0, silo: "a");

        // One tick after a 5.5 s silence: nothing tightens the reading.
        bot.Saw(Event + (5.5 * Second), ticks: 101, restarts: 0, tradesTotal: 0, silo: "b");

        Assert.Equal(5.5 * Second, bot.BackAfter(Event, Event + (10 * Second)));
    }

    [Fact]
    public void TicksCountedBeforeARestartFromStorageAreNotTrusted()
    {
        var bot = Bot();
        bot.Saw(Event - (0.5 * Second), ticks: 100, restarts: 0, tradesTotal: 0, silo: "a");

        bot.Saw(Event + (5.5 * Second), ticks: 106, restarts: 1, tradesTotal: 0, silo: "b");

        Assert.Equal(5.5 * Second, bot.BackAfter(Event, Event + (10 * Second)));
    }

    [Fact]
    public void TicksThatCouldAllHaveFallenBeforeTheEventDoNotCountAsBack()
    {
        var bot = Bot();
        bot.Saw(Event - (4 * Second), ticks: 100, restarts: 0, tradesTotal: 0, silo: "a");

        // Four ticks could fit in the 4 s before the event; only the one read after it is sure to follow it.
        bot.Saw(Event + (3 * Second), ticks: 105, restarts: 0, tradesTotal: 0, silo: "a");

        var back = bot.BackAfter(Event, Event + (10 * Second))!.Value;
        Assert.True(back >= 2.9 * Second, $"back after {back}");
    }

    [Fact]
    public void ABotNeverReadAgainCountsUntilTheEndAndOneNotRunningBeforeDoesNotCount()
    {
        var running = Bot();
        running.Saw(Event - Second, ticks: 1, restarts: 0, tradesTotal: 0, silo: "a");
        var later = Bot();
        later.Saw(Event + Second, ticks: 1, restarts: 0, tradesTotal: 0, silo: "a");

        Assert.Equal(7 * Second, running.BackAfter(Event, Event + (7 * Second)));
        Assert.Null(later.BackAfter(Event, Event + (7 * Second)));
    }

    private static WatchedBot Bot() => new("bot_1", "key", Second);
}
