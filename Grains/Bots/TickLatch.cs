namespace OrleansBots.Bots;

/// <summary>
/// Who touches a running bot's trading state at a time: its silo's <see cref="TickDriver"/>, for one tick that never
/// waits, or the bot's grain, for any number of its turns (read-only calls interleave). The driver does not wait: a
/// tick that finds turns under way is noted as missed, and the last of those turns to end says so
/// (<see cref="ExitTurn"/> returns true) so that the bot schedules the tick again; polling instead cost the driver a
/// pass over every such bot every 10 ms, which saturated a core while 100,000 bots saved on their way out. A turn
/// waits for a tick in progress, which takes microseconds. This is what lets a tick run on the driver's thread instead
/// of as work queued on the activation: each queued item was a fresh object written into the activation's long-lived
/// queue, and marking through those writes was most of every young collection at 100,000 bots. A tick that has to wait
/// for an answer (a decided trade's count) keeps the latch past the driver's thread (<see cref="HoldTick"/>): turns that
/// come meanwhile then wait for it without blocking a thread. Thread-safe.
/// </summary>
public sealed class TickLatch
{
    private const int Ticking = -1;

    // A tick that goes on past the driver's thread, awaiting an answer: turns wait for it asynchronously.
    private const int Holding = -2;

    // Set beside the count of turns: a tick came due while they held the latch.
    private const int Missed = 1 << 30;

    private readonly Lock _gate = new();

    // Ticking or Holding; or the number of turns holding the latch, with the Missed flag.
    private int _state;

    // What turns that found the latch held await; made only when one does (rare: a held tick lasts milliseconds).
    private TaskCompletionSource? _released;

    /// <summary>Takes the latch for a tick; false when turns hold it (the tick is then noted as missed).</summary>
    public bool TryEnterTick()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == 0)
            {
                if (Interlocked.CompareExchange(ref _state, Ticking, 0) == 0)
                {
                    return true;
                }
            }
            else if (state < 0 || (state & Missed) != 0 || Interlocked.CompareExchange(ref _state, state | Missed, state) == state)
            {
                return false;
            }
        }
    }

    /// <summary>The tick in progress goes on after the driver's thread leaves it; <see cref="ExitTick"/> still ends it.</summary>
    public void HoldTick() => Volatile.Write(ref _state, Holding);

    public void ExitTick()
    {
        if (Interlocked.Exchange(ref _state, 0) != Holding)
        {
            return;
        }

        TaskCompletionSource? released;
        lock (_gate)
        {
            (released, _released) = (_released, null);
        }

        released?.SetResult();
    }

    /// <summary>
    /// Takes the latch for a grain turn: at once when no tick is in progress, after a spin while one runs on the driver's
    /// thread (microseconds), asynchronously while one is held.
    /// </summary>
    public ValueTask EnterTurnAsync()
    {
        var spin = new SpinWait();
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == Holding)
            {
                return WaitForHeldTickAsync();
            }

            if (state != Ticking && Interlocked.CompareExchange(ref _state, state + 1, state) == state)
            {
                return ValueTask.CompletedTask;
            }

            spin.SpinOnce();
        }
    }

    private async ValueTask WaitForHeldTickAsync()
    {
        while (true)
        {
            TaskCompletionSource? released = null;
            lock (_gate)
            {
                // Checked under the lock that ExitTick takes after letting go: a release between the two is not missed.
                if (Volatile.Read(ref _state) == Holding)
                {
                    released = _released ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            if (released is not null)
            {
                await released.Task;
            }

            var state = Volatile.Read(ref _state);
            if (state >= 0 && Interlocked.CompareExchange(ref _state, state + 1, state) == state)
            {
                return;
            }

            if (state == Ticking)
            {
                // The next tick took the latch first: it runs on the driver's thread for microseconds.
                Thread.SpinWait(20);
            }
        }
    }

    /// <summary>Releases a turn's hold; true when it was the last and a tick was missed meanwhile (to be scheduled again).</summary>
    public bool ExitTurn()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            var next = state - 1;
            var missed = next == Missed;
            if (Interlocked.CompareExchange(ref _state, missed ? 0 : next, state) == state)
            {
                return missed;
            }
        }
    }
}
