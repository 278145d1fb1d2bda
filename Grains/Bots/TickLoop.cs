using System.Threading.RateLimiting;
using OrleansBots.Hardware;

namespace OrleansBots.Bots;

/// <summary>
/// How a running bot's ticks run, without the grain: when each falls due, and what happens to it. A tick that has to
/// wait (a price to fetch, a trade to count, a save) runs through <see cref="RunAsync"/>: it waits its turn in the
/// silo's <see cref="TickGate"/> (skipped, and logged, only when the gate's queue is full), its lag and duration are
/// measured, an outage (storage or another grain unreachable) is ridden out with a log line now and then, and after
/// <see cref="BotOptions.MaxConsecutiveTickFailures"/> failed ticks in a row the bot is to fail. One that did not have to
/// wait is only measured (<see cref="RanAtOnce"/>); one that waits for an answer only, off the bot's turns, is ended by
/// <see cref="RunHeldAsync"/>. Not thread-safe: the bot calls it under its <see cref="TickLatch"/>.
/// </summary>
public sealed class TickLoop(string botId, TimeSpan interval, BotOptions options, TickGate gate, BotInstruments instruments, TimeProvider time, ILogger logger)
{
    private int _failures;
    private int _outageTicks;

    // When the next tick is due (a TimeProvider timestamp): how late a tick starts is its lag.
    private long _due;

    /// <summary>The bot's tick interval (its definition's <c>tick_seconds</c>).</summary>
    public TimeSpan Interval => interval;

    /// <summary>
    /// The ticks (re)start: returns when the first is due (a <see cref="TimeProvider"/> timestamp), one interval from
    /// now or <paramref name="firstTick"/>, on the <see cref="BotOptions.TickGrid"/>.
    /// </summary>
    public long FirstDue(TimeSpan? firstTick = null) => DueIn(firstTick ?? interval);

    /// <summary>A tick ended: returns when the next is due, one interval from now, on the grid.</summary>
    public long NextDue() => DueIn(interval);

    /// <summary>
    /// A tick that needed no waiting (its prices were known, nothing to trade or save) ran whole, started at
    /// <paramref name="started"/>: its lag and duration count like any other tick's, and it ends a run of failed ones
    /// (not an outage: it reached no store or grain).
    /// </summary>
    public void RanAtOnce(long started)
    {
        instruments.TickLag(time.GetElapsedTime(_due, started));
        _failures = 0;
        instruments.TickEnded(started, succeeded: true);
    }

    /// <summary>
    /// Runs one tick. <paramref name="isOutage"/> tells errors that are not the bot's fault, <paramref name="isStale"/>
    /// the error that says another activation of the bot saved it meanwhile (this one is to stop).
    /// </summary>
    public async ValueTask<TickResult> RunAsync(
        Func<DateTimeOffset, Task> tick, Func<Exception, bool> isOutage, Func<Exception, bool> isStale, CancellationToken cancellationToken)
    {
        using var turn = await TakeTurnAsync(cancellationToken);
        if (turn is null)
        {
            return TickResult.Running;
        }

        var started = instruments.StartTimestamp();
        instruments.TickLag(time.GetElapsedTime(_due, started));
        return await EndAsync(started, tick, time.GetUtcNow(), isOutage, isStale);
    }

    /// <summary>
    /// Ends a tick that started at <paramref name="started"/> on the driver's thread and goes on past it, awaiting
    /// <paramref name="rest"/> (a decided trade's count; see <see cref="TickLatch.HoldTick"/>). It holds no turn of its
    /// own, so it takes none of the gate's; its lag, duration and errors count as in <see cref="RunAsync"/>.
    /// </summary>
    public ValueTask<TickResult> RunHeldAsync(long started, Task rest, Func<Exception, bool> isOutage, Func<Exception, bool> isStale)
    {
        instruments.TickLag(time.GetElapsedTime(_due, started));
        return EndAsync(started, static rest => rest, rest, isOutage, isStale);
    }

    // The work starts inside the try: a tick that throws before its first await counts like one that fails later.
    private async ValueTask<TickResult> EndAsync<TArgument>(
        long started, Func<TArgument, Task> work, TArgument argument, Func<Exception, bool> isOutage, Func<Exception, bool> isStale)
    {
        var succeeded = false;
        try
        {
            await work(argument);
            _failures = 0;
            _outageTicks = 0;
            succeeded = true;
            return TickResult.Running;
        }
        catch (Exception error) when (isStale(error))
        {
            // Checked first: a storage conflict is an Orleans error, yet no outage.
            logger.LogWarning("Bot {BotId}: another activation saved it meanwhile; this activation stops", botId);
            return new TickResult(Stale: true, null);
        }
        catch (Exception error) when (isOutage(error))
        {
            // Not the bot's fault: it keeps running and the next tick retries (an unsaved tick is saved by a
            // later one; a trade is only made once it is counted).
            if (_outageTicks++ % 30 == 0)
            {
                logger.LogWarning("Bot {BotId} keeps running through an outage ({Ticks} tick(s) so far): {Error}", botId, _outageTicks, error.Message);
            }

            return TickResult.Running;
        }
        catch (Exception error)
        {
            _failures++;
            logger.LogWarning(error, "Tick {Failures} of bot {BotId} failed", _failures, botId);
            return _failures >= options.MaxConsecutiveTickFailures
                ? new TickResult(Stale: false, $"{_failures} ticks in a row failed; last error: {error.Message}")
                : TickResult.Running;
        }
        finally
        {
            instruments.TickEnded(started, succeeded);
        }
    }

    private long DueIn(TimeSpan delay)
    {
        var due = time.GetTimestamp() + Timestamps(delay);
        var grid = Timestamps(options.TickGrid);
        _due = grid > 0 ? (due + grid - 1) / grid * grid : due;
        return _due;
    }

    private long Timestamps(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    /// <summary>Waits for this silo's tick budget; null when the tick is to be skipped (queue full, or the bot is deactivating).</summary>
    private async ValueTask<RateLimitLease?> TakeTurnAsync(CancellationToken cancellationToken)
    {
        try
        {
            var turn = await gate.EnterAsync(cancellationToken);
            if (turn.IsAcquired)
            {
                return turn;
            }

            turn.Dispose();
            logger.LogWarning("Bot {BotId} skipped a tick: {Waiting} ticks are already waiting on this silo ({Skipped} skipped so far)", botId, gate.Waiting, gate.Skipped);
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
