namespace OrleansBots.Storage;

/// <summary>
/// How long PostgreSQL operations are retried through a short outage of the server (<see cref="PostgresRetry"/>).
/// Bound from the <c>PostgresRetry</c> section.
/// </summary>
public sealed class PostgresRetryOptions : RetryWindowOptions
{
    public const string Section = "PostgresRetry";

    /// <summary>
    /// Retries stop once <see cref="RetryWindowOptions.Within"/> has passed since the first attempt (the last one starts
    /// at most <see cref="RetryWindowOptions.MaxDelay"/> later): 10 s, longer than a restart of PostgreSQL (the chaos
    /// harness cuts it off for 5 s), shorter than the 30 s a grain call waits for its answer.
    /// </summary>
    public PostgresRetryOptions() => Within = TimeSpan.FromSeconds(10);
}
