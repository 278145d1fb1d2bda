using Microsoft.Extensions.Logging.Abstractions;
using OrleansBots.Bots;
using OrleansBots.Hardware;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Tests.Bots;

public sealed class TickLoopTests : IDisposable
{
    private readonly MeasurementRig _rig = new();
    private readonly TickGate _gate = new(4);
    private readonly TickLoop _loop;

    public TickLoopTests() =>
        _loop = new TickLoop("bot-1", TimeSpan.FromSeconds(5), new BotOptions { MaxConsecutiveTickFailures = 3 }, _gate, new BotInstruments(_rig.Measurements), _rig.Time, NullLogger.Instance);

    [Fact]
    public async Task ABotFailsAfterTooManyFailedTicksInARowAndASucceedingTickStartsTheCountAgain()
    {
        var results = new List<TickResult>
        {
            await RunAsync(Fails),
            await RunAsync(Fails),
            await RunAsync(Succeeds),
            await RunAsync(Fails),
            await RunAsync(Fails),
            await RunAsync(Fails),
        };

        Assert.All(results.Take(5), r => Assert.Equal(TickResult.Running, r));
        Assert.Equal("3 ticks in a row failed; last error: boom", results[5].FailureReason);
        Assert.False(results[5].Stale);
    }

    [Fact]
    public async Task AnOutageIsRiddenOutWithoutCountingAsAFailedTick()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(TickResult.Running, await RunAsync(_ => throw new TimeoutException("storage down")));
        }

        Assert.Equal(TickResult.Running, await RunAsync(Fails));
        Assert.Equal(TickResult.Running, await RunAsync(Fails));
    }

    [Fact]
    public async Task AStaleActivationIsToldToStop()
    {
        var result = await RunAsync(_ => throw new InvalidOperationException("stale"));

        Assert.Equal(new TickResult(Stale: true, null), result);
    }

    [Fact]
    public async Task TheTickSeesTheClocksTimeAndTheIntervalComesFromTheDefinition()
    {
        DateTimeOffset? seen = null;

        await RunAsync(now =>
        {
            seen = now;
            return Task.CompletedTask;
        });

        Assert.Equal((MeasurementRig.Start, TimeSpan.FromSeconds(5)), (seen, _loop.Interval));
    }

    [Fact]
    public void TicksFallDueOnTheGridNoSoonerThanOneIntervalOn()
    {
        var grid = TimeSpan.FromMilliseconds(20);
        var loop = LoopWith(grid);
        _rig.Time.Advance(TimeSpan.FromMilliseconds(7.3));

        var first = DelayUntil(loop.FirstDue());
        _rig.Time.Advance(TimeSpan.FromMilliseconds(3));
        var nextDue = loop.NextDue();
        var overdueDue = loop.FirstDue(TimeSpan.Zero);

        Assert.All([first, DelayUntil(nextDue)], delay => Assert.InRange(delay, loop.Interval, loop.Interval + grid));
        Assert.InRange(DelayUntil(overdueDue), TimeSpan.Zero, grid);
        Assert.Equal(0, overdueDue % (long)(grid.TotalSeconds * _rig.Time.TimestampFrequency));
        Assert.Equal(0, nextDue % (long)(grid.TotalSeconds * _rig.Time.TimestampFrequency));
    }

    [Fact]
    public void WithoutAGridATickIsDueExactlyOneIntervalOn()
    {
        var loop = LoopWith(TimeSpan.Zero);
        _rig.Time.Advance(TimeSpan.FromMilliseconds(7.3));

        Assert.Equal(
            (loop.Interval, loop.Interval, TimeSpan.FromSeconds(2)),
            (DelayUntil(loop.FirstDue()), DelayUntil(loop.NextDue()), DelayUntil(loop.FirstDue(TimeSpan.FromSeconds(2)))));
    }

    public void Dispose()
    {
        _gate.Dispose();
        _rig.Dispose();
    }

    private TickLoop LoopWith(TimeSpan grid) =>
        new("bot-2", TimeSpan.FromSeconds(5), new BotOptions { TickGrid = grid }, _gate, new BotInstruments(_rig.Measurements), _rig.Time, NullLogger.Instance);

    private TimeSpan DelayUntil(long due) => _rig.Time.GetElapsedTime(_rig.Time.GetTimestamp(), due);

    private static Task Fails(DateTimeOffset now) => throw new ArgumentException("boom");

    private static Task Succeeds(DateTimeOffset now) => Task.CompletedTask;

    private ValueTask<TickResult> RunAsync(Func<DateTimeOffset, Task> tick) => _loop.RunAsync(
        tick, error => error is TimeoutException, error => error is InvalidOperationException { Message: "stale" }, CancellationToken.None);
}
