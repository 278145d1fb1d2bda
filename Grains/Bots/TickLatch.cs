namespace OrleansBots.Bots;

/// <summary>
/// Who touches a running bot's trading state at a time: its silo's <see cref="TickDriver"/>, for one tick that never
/// waits, or the bot's grain, for any number of its turns (read-only calls interleave). The driver does not wait: a
/// tick that finds turns under way is noted as missed, and the last of those turns to end says so
/// (<see cref="ExitTurn"/> returns true) so that the bot schedules the tick again; polling instead cost the driver a
/// pass over every such bot every 10 ms, which saturated a core while 100,000 bots saved on their way out. A turn
/// waits for a tick in progress, which takes microseconds. This is what lets a tick run on the driver's thread instead
/// of as work queued on the activation: each queued item was a fresh object written into the activation's long-lived
/// queue, and marking through those writes was most of every young collection at 100,000 bots. Thread-safe.
/// </summary>
public sealed class TickLatch
{
    private const int Ticking = -1;

    // Set beside the count of turns: a tick came due while they held the latch.
    private const int Missed = 1 << 30;

    // Ticking; or the number of turns holding the latch, with the Missed flag.
    private int _state;

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
            else if (state == Ticking || (state & Missed) != 0 || Interlocked.CompareExchange(ref _state, state | Missed, state) == state)
            {
                return false;
            }
        }
    }

    public void ExitTick() => Volatile.Write(ref _state, 0);

    /// <summary>Takes the latch for a grain turn, waiting for a tick in progress to end.</summary>
    public void EnterTurn()
    {
        var spin = new SpinWait();
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state != Ticking && Interlocked.CompareExchange(ref _state, state + 1, state) == state)
            {
                return;
            }

            spin.SpinOnce();
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
