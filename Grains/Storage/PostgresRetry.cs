using Npgsql;
using Polly;
using Polly.Retry;

namespace OrleansBots.Storage;

/// <summary>
/// Rides out a short PostgreSQL outage (a restart of the server, a failover) instead of failing the request that met
/// it. It retries what is safe to run again and nothing else: opening a connection (nothing reached the server yet),
/// and operations that do the same when run twice (reads, inserts that ignore a row already there, upserts). A write
/// whose connection broke while it ran may have been applied, so whoever runs it must not pass it here; only its
/// connection's opening is. Retries back off from <see cref="RetryWindowOptions.FirstDelay"/> and stop once
/// <see cref="RetryWindowOptions.Within"/> has passed since the first attempt; the last error then reaches the caller.
/// </summary>
public sealed class PostgresRetry
{
    private static readonly ResiliencePropertyKey<long> FirstAttempt = new("orleansbots.postgres-retry.first-attempt");

    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _time;
    private readonly TimeSpan _within;

    public PostgresRetry(IOptions<PostgresRetryOptions> options, TimeProvider time, ILogger<PostgresRetry> logger)
    {
        var settings = options.Value;
        _time = time;
        _within = settings.Within;
        var strategy = new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } error && IsTransient(error) && InTime(args.Context)),
            OnRetry = args =>
            {
                logger.LogDebug("PostgreSQL unreachable, retrying (attempt {Attempt}): {Error}", args.AttemptNumber + 1, args.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        };
        settings.ApplyBackoff(strategy);
        _pipeline = settings.Within <= TimeSpan.Zero
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(strategy).Build();
    }

    /// <summary>
    /// The server could not be reached, or said it cannot serve right now: connection refused or dropped, the server
    /// starting up or shutting down (57P03), terminating sessions (57P01), out of connections (53300). Not a refusal
    /// of the statement itself (a constraint, a syntax error, bad credentials), which would fail again.
    /// </summary>
    public static bool IsTransient(Exception error) => error is NpgsqlException { IsTransient: true };

    /// <summary>Runs <paramref name="operation"/>, again while PostgreSQL is unreachable; it must be safe to run twice.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken = default)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(FirstAttempt, _time.GetTimestamp());
        try
        {
            return await _pipeline.ExecuteAsync(static async (context, operation) => await operation(context.CancellationToken), context, operation);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken = default) =>
        RunAsync(
            async token =>
            {
                await operation(token);
                return true;
            },
            cancellationToken);

    private bool InTime(ResilienceContext context) =>
        _time.GetElapsedTime(context.Properties.GetValue(FirstAttempt, _time.GetTimestamp())) < _within;
}
