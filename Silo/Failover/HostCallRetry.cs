using System.Reflection;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansBots.Silo.Failover;

/// <summary>
/// Retries the grain calls that the silo's own host code makes (the HTTP API, background services) while the
/// cluster routes around a silo that is gone, so that clients do not see 5xx for the seconds membership takes to
/// converge. Only calls that cannot have run twice are retried: a rejected message (the target silo is gone or
/// refused it: nothing ran), a message Orleans could not address because the grain directory cancelled its lookup
/// (the directory partition's silo left; the message was never sent), and a <c>[ReadOnly]</c> method that timed out
/// or whose grain could not load. Every bot and user operation the API
/// calls is idempotent besides (a retried create finds its own bot, a retried start or stop finds it done).
/// Grain-to-grain calls pass through: the calling grain decides. So do Orleans' own calls to system targets: a
/// grain-directory lookup sent to the partition of a silo that just died must fail at once so that Orleans looks
/// again on the new owner; retried here, it held the placement of that grain (the capacity grain, a chat link) for
/// the whole <see cref="RetryWindowOptions.Within"/> of <see cref="GrainCallRetryOptions"/>.
/// </summary>
public sealed class HostCallRetry : IOutgoingGrainCallFilter
{
    private readonly ResiliencePipeline<bool> _pipeline;

    public HostCallRetry(IOptions<GrainCallRetryOptions> options, ILogger<HostCallRetry> logger)
    {
        var retry = options.Value;
        var strategy = new RetryStrategyOptions<bool>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } error && IsRetryable(error, args.Context)),
            OnRetry = args =>
            {
                logger.LogDebug("Retrying a grain call (attempt {Attempt}): {Error}", args.AttemptNumber + 1, args.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        };
        retry.ApplyBackoff(strategy);
        _pipeline = retry.Within <= TimeSpan.Zero
            ? ResiliencePipeline<bool>.Empty
            : new ResiliencePipelineBuilder<bool>().AddTimeout(retry.Within).AddRetry(strategy).Build();
    }

    // The method, not whether it is [ReadOnly]: reading its attributes cost 1 % of the silo's CPU while starting bots,
    // and only a failed call needs the answer.
    private static readonly ResiliencePropertyKey<MethodInfo?> CalledMethod = new("orleansbots.called-method");

    private static readonly ResiliencePropertyKey<CancellationToken> CallerCancellation = new("orleansbots.caller-cancellation");

    // Grain-to-grain calls (most calls: trades, saves) pass through without a state machine of their own.
    public Task Invoke(IOutgoingGrainCallContext context) =>
        context.SourceContext is not null || context.TargetId.IsSystemTarget() ? context.Invoke() : InvokeWithRetriesAsync(context);

    private async Task InvokeWithRetriesAsync(IOutgoingGrainCallContext context)
    {
        var resilience = ResilienceContextPool.Shared.Get();
        resilience.Properties.Set(CalledMethod, context.InterfaceMethod);
        resilience.Properties.Set(CallerCancellation, context.Request?.GetCancellationToken() ?? CancellationToken.None);
        try
        {
            await _pipeline.ExecuteAsync(
                static async (_, call) =>
                {
                    await call.Invoke();
                    return true;
                },
                resilience,
                context);
        }
        catch (TimeoutRejectedException) when (context.Response is null)
        {
            throw new TimeoutException("The grain call was retried until its deadline while the cluster routed around a silo that is gone");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    /// <summary>
    /// Nothing ran (a rejected message, or one whose addressing was cancelled while its caller did not cancel it), or
    /// the call only reads and failed for a reason that is not the caller's: a timeout, or its grain could not load its
    /// state (a storage error, which crosses silos as an exception Orleans cannot serialize).
    /// </summary>
    public static bool IsRetryable(Exception error, ResilienceContext context) =>
        error is OrleansMessageRejectionException
        || (error is OperationCanceledException && !context.Properties.GetValue(CallerCancellation, CancellationToken.None).IsCancellationRequested)
        || (context.Properties.GetValue(CalledMethod, null)?.IsDefined(typeof(Orleans.Concurrency.ReadOnlyAttribute), inherit: true) == true && error is not (ArgumentException or InvalidOperationException or NotSupportedException));
}
