using System.Threading.RateLimiting;

namespace OrleansBots.Hardware;

/// <summary>
/// The silo's budget of bot ticks running at once (<see cref="HardwareBudgets.ConcurrentTicks"/>). Ticks over it
/// wait their turn, oldest first, so a burst of ticks cannot crowd out everything else; only when the bounded
/// queue is full is a tick skipped, and that is counted and logged by the bot.
/// </summary>
public sealed class TickGate : IDisposable
{
    public const int QueueLimit = 100_000;

    private readonly ConcurrencyLimiter _limiter;
    private long _skipped;

    public TickGate(SiloHardware hardware)
        : this(hardware.Budgets.Applied ? hardware.Budgets.ConcurrentTicks : int.MaxValue)
    {
    }

    public TickGate(int concurrentTicks)
    {
        Limit = concurrentTicks;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = concurrentTicks,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int Limit { get; }

    public long Skipped => Interlocked.Read(ref _skipped);

    public long Waiting => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Waits for a turn; the lease is not acquired (and the tick is to be skipped) only when the queue is full.</summary>
    public async ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            Interlocked.Increment(ref _skipped);
        }

        return lease;
    }

    public void Dispose() => _limiter.Dispose();
}
