using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class TickLatchTests
{
    private readonly TickLatch _latch = new();

    [Fact]
    public async Task ATickDoesNotRunWhileATurnHoldsTheLatch()
    {
        await _latch.EnterTurnAsync();

        Assert.False(_latch.TryEnterTick());

        _latch.ExitTurn();
        Assert.True(_latch.TryEnterTick());
    }

    [Fact]
    public async Task InterleavedTurnsHoldTheLatchUntilTheLastEnds()
    {
        await _latch.EnterTurnAsync();
        await _latch.EnterTurnAsync();
        _latch.ExitTurn();

        Assert.False(_latch.TryEnterTick());

        _latch.ExitTurn();
        Assert.True(_latch.TryEnterTick());
    }

    [Fact]
    public async Task ATickMissedDuringTurnsIsReportedOnceByTheLastTurnToEnd()
    {
        await _latch.EnterTurnAsync();
        await _latch.EnterTurnAsync();
        Assert.False(_latch.TryEnterTick());
        Assert.False(_latch.TryEnterTick());

        var first = _latch.ExitTurn();
        var last = _latch.ExitTurn();

        Assert.Equal((false, true), (first, last));
        await _latch.EnterTurnAsync();
        Assert.False(_latch.ExitTurn());
        Assert.True(_latch.TryEnterTick());
    }

    [Fact]
    public async Task ATurnDuringWhichNoTickCameDueReportsNone()
    {
        await _latch.EnterTurnAsync();

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
        var turn = Task.Run(async () => await _latch.EnterTurnAsync());

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
        var turns = Task.Run(async () =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                await _latch.EnterTurnAsync();
                Touch();
                _latch.ExitTurn();
            }
        });

        await Task.WhenAll(ticks, turns).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public async Task ATurnWaitsWithoutBlockingForAHeldTickToEnd()
    {
        Assert.True(_latch.TryEnterTick());
        _latch.HoldTick();

        var turn = _latch.EnterTurnAsync();
        Assert.False(turn.IsCompleted);
        await Task.Delay(50);
        Assert.False(turn.IsCompleted);

        _latch.ExitTick();
        await turn.AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(_latch.TryEnterTick());
    }

    [Fact]
    public async Task EveryTurnThatWaitedForAHeldTickEntersWhenItEnds()
    {
        Assert.True(_latch.TryEnterTick());
        _latch.HoldTick();
        var first = _latch.EnterTurnAsync().AsTask();
        var second = _latch.EnterTurnAsync().AsTask();

        _latch.ExitTick();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(5));

        _latch.ExitTurn();
        Assert.False(_latch.TryEnterTick());
        Assert.True(_latch.ExitTurn());
        Assert.True(_latch.TryEnterTick());
    }

    [Fact]
    public void NoTickStartsWhileAnotherIsHeld()
    {
        Assert.True(_latch.TryEnterTick());
        _latch.HoldTick();

        Assert.False(_latch.TryEnterTick());

        _latch.ExitTick();
        Assert.True(_latch.TryEnterTick());
    }

    [Fact]
    public async Task HeldTicksAndInterleavedTurnsOnManyThreadsNeverOverlap()
    {
        var ticking = 0;
        var turning = 0;
        var overlaps = 0;

        // Turns may overlap one another (interleaving calls); a tick overlaps none.
        var ticks = Task.Run(async () =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                if (!_latch.TryEnterTick())
                {
                    continue;
                }

                // Every other tick goes on past this thread, as a trade awaiting its count does.
                var held = i % 2 == 0;
                if (held)
                {
                    _latch.HoldTick();
                }

                Interlocked.Increment(ref ticking);
                if (Volatile.Read(ref turning) != 0)
                {
                    Interlocked.Increment(ref overlaps);
                }

                if (held)
                {
                    await Task.Yield();
                }

                Thread.SpinWait(20);
                Interlocked.Decrement(ref ticking);
                _latch.ExitTick();
            }
        });
        var turns = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                await _latch.EnterTurnAsync();
                Interlocked.Increment(ref turning);
                if (Volatile.Read(ref ticking) != 0)
                {
                    Interlocked.Increment(ref overlaps);
                }

                if (i % 3 == 0)
                {
                    await Task.Yield();
                }

                Thread.SpinWait(20);
                Interlocked.Decrement(ref turning);
                _latch.ExitTurn();
            }
        }));

        await Task.WhenAll([ticks, .. turns]).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, overlaps);
    }
}
