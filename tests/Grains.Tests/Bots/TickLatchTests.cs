using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class TickLatchTests
{
    private readonly TickLatch _latch = new();

    [Fact]
    public void ATickDoesNotRunWhileATurnHoldsTheLatch()
    {
        _latch.EnterTurn();

        Assert.False(_latch.TryEnterTick());

        _latch.ExitTurn();
        Assert.True(_latch.TryEnterTick());
    }

    [Fact]
    public void InterleavedTurnsHoldTheLatchUntilTheLastEnds()
    {
        _latch.EnterTurn();
        _latch.EnterTurn();
        _latch.ExitTurn();

        Assert.False(_latch.TryEnterTick());

        _latch.ExitTurn();
        Assert.True(_latch.TryEnterTick());
    }

    [Fact]
    public void ATickMissedDuringTurnsIsReportedOnceByTheLastTurnToEnd()
    {
        _latch.EnterTurn();
        _latch.EnterTurn();
        Assert.False(_latch.TryEnterTick());
        Assert.False(_latch.TryEnterTick());

        var first = _latch.ExitTurn();
        var last = _latch.ExitTurn();

        Assert.Equal((false, true), (first, last));
        _latch.EnterTurn();
        Assert.False(_latch.ExitTurn());
        Assert.True(_latch.TryEnterTick());
    }

    [Fact]
    public void ATurnDuringWhichNoTickCameDueReportsNone()
    {
        _latch.EnterTurn();

        Assert.False(_latch.ExitTurn());
    }

    [Fact]
    public void OnlyOneTickHoldsTheLatch()
    {
        Assert.True(_latch.TryEnterTick());
        Assert.False(_latch.TryEnterTick());

        _latch.ExitTick();
        Assert.True(_latch.TryEnterTick());
    }

    [Fact]
    public async Task ATurnWaitsForTheTickInProgressToEnd()
    {
        Assert.True(_latch.TryEnterTick());
        var turn = Task.Run(_latch.EnterTurn);

        await Task.Delay(50);
        Assert.False(turn.IsCompleted);

        _latch.ExitTick();
        await turn.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(_latch.TryEnterTick());
    }

    [Fact]
    public async Task TicksAndTurnsOnManyThreadsNeverOverlap()
    {
        var inside = 0;
        var overlaps = 0;
        void Touch()
        {
            if (Interlocked.Increment(ref inside) != 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            Thread.SpinWait(20);
            Interlocked.Decrement(ref inside);
        }

        var ticks = Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                if (_latch.TryEnterTick())
                {
                    Touch();
                    _latch.ExitTick();
                }
            }
        });
        var turns = Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                _latch.EnterTurn();
                Touch();
                _latch.ExitTurn();
            }
        });

        await Task.WhenAll(ticks, turns).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, overlaps);
    }
}
