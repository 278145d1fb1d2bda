namespace OrleansBots.Bots;

/// <summary>
/// Who touches a running bot's trading state at a time: its silo's <see cref="TickDriver"/>, for one tick that never
/// waits, or the bot's grain, for any number of its turns (read-only calls interleave). The driver does not wait: a
/// tick that finds a turn under way is tried again on the driver's next pass. A turn waits for a tick in progress,
/// which takes microseconds. This is what lets a tick run on the driver's thread instead of as work queued on the
/// activation: each queued item was a fresh object written into the activation's long-lived queue, and marking
/// through those writes was most of every young collection at 100,000 bots. Thread-safe.
/// </summary>
public sealed class TickLatch
{
    // -1: a tick holds the latch; 0: free; n > 0: n turns of the grain hold it.
    private int _holders;

    /// <summary>Takes the latch for a tick unless anything holds it.</summary>
    public bool TryEnterTick() => Interlocked.CompareExchange(ref _holders, -1, 0) == 0;

    public void ExitTick() => Volatile.Write(ref _holders, 0);

    /// <summary>Takes the latch for a grain turn, waiting for a tick in progress to end.</summary>
    public void EnterTurn()
    {
        var spin = new SpinWait();
        while (true)
        {
            var holders = Volatile.Read(ref _holders);
            if (holders >= 0 && Interlocked.CompareExchange(ref _holders, holders + 1, holders) == holders)
            {
                return;
            }

            spin.SpinOnce();
        }
    }

    public void ExitTurn() => Interlocked.Decrement(ref _holders);
}
