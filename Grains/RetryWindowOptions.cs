using Polly;
using Polly.Retry;

namespace OrleansBots;

/// <summary>
/// The shape of the platform's retries of what a restart or a failover makes fail for a few seconds (grain calls routed
/// to a silo that is gone, PostgreSQL restarting): attempt after attempt, backing off exponentially with jitter from
/// <see cref="FirstDelay"/> to <see cref="MaxDelay"/>, until <see cref="Within"/> has passed. Each retry's own options
/// derive from it and set their window.
/// </summary>
public abstract class RetryWindowOptions
{
    /// <summary>How long attempts go on; zero turns retries off.</summary>
    public TimeSpan Within { get; set; }

    /// <summary>The first pause; each next one doubles (with jitter), up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gives Polly's <paramref name="strategy"/> this backoff and no limit on attempts; the caller says what it handles and bounds the time.</summary>
    public void ApplyBackoff<TResult>(RetryStrategyOptions<TResult> strategy)
    {
        strategy.MaxRetryAttempts = int.MaxValue;
        strategy.BackoffType = DelayBackoffType.Exponential;
        strategy.Delay = FirstDelay;
        strategy.MaxDelay = MaxDelay;
        strategy.UseJitter = true;
    }
}
