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
    // Null when retries are off (a window of zero).
    private readonly ResiliencePipeline<bool>? _pipeline;
    private readonly TimeSpan _firstDelay;

    public HostCallRetry(IOptions<GrainCallRetryOptions> options, ILogger<HostCallRetry> logger)
    {
        var retry = options.Value;
        var strategy = new RetryStrategyOptions<bool>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } error && IsRetryable(error, args.Context)),
            OnRetry = args =>
            {
                logger.LogDebug("Retrying a grain call (attempt {Attempt}): {Error}", args.AttemptNumber + 2, args.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        };
        retry.ApplyBackoff(strategy);
        _firstDelay = retry.FirstDelay;
        _pipeline = retry.Within <= TimeSpan.Zero ? null : new ResiliencePipelineBuilder<bool>().AddTimeout(retry.Within).AddRetry(strategy).Build();
    }

    // The method, not whether it is [ReadOnly]: reading its attributes cost 1 % of the silo's CPU while starting bots,
    // and only a failed call needs the answer.
    private static readonly ResiliencePropertyKey<MethodInfo?> CalledMethod = new("orleansbots.called-method");

    private static readonly ResiliencePropertyKey<CancellationToken> CallerCancellation = new("orleansbots.caller-cancellation");

    // Grain-to-grain calls (most calls: trades, saves) pass through without a state machine of their own. The others
    // go through once without the pipeline: only a failed call pays for it (its state machines and context, per call,
    // were a seventh of what the silo allocated while 100,000 bots traded: their quota calls leave no grain's turn).
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (_pipeline is null || context.SourceContext is not null || context.TargetId.IsSystemTarget())
        {
            return context.Invoke();
        }

        var first = context.Invoke();
        return first.IsCompletedSuccessfully ? first : RetryIfRetryableAsync(first, context);
    }

    /// <summary>
    /// The first attempt's failure, if retryable, starts the retries after the first pause, as the pipeline's own retry
    /// would: they go on for the window from then.
    /// </summary>
    private async Task RetryIfRetryableAsync(Task first, IOutgoingGrainCallContext context)
    {
        try
        {
            await first;
            return;
        }
        catch (Exception error) when (IsRetryable(error, context.InterfaceMethod, CallerCancellationOf(context)))
        {
        }

        await Task.Delay(_firstDelay);
        await InvokeWithRetriesAsync(context);
    }

    private static CancellationToken CallerCancellationOf(IOutgoingGrainCallContext context) =>
        context.Request?.GetCancellationToken() ?? CancellationToken.None;

    private async Task InvokeWithRetriesAsync(IOutgoingGrainCallContext context)
    {
        var resilience = ResilienceContextPool.Shared.Get();
        resilience.Properties.Set(CalledMethod, context.InterfaceMethod);
        resilience.Properties.Set(CallerCancellation, CallerCancellationOf(context));
        try
        {
            await _pipeline!.ExecuteAsync(
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
        IsRetryable(error, context.Properties.GetValue(CalledMethod, null), context.Properties.GetValue(CallerCancellation, CancellationToken.None));

    private static bool IsRetryable(Exception error, MethodInfo? calledMethod, CancellationToken callerCancellation) =>
        error is OrleansMessageRejectionException
        || (error is OperationCanceledException && !callerCancellation.IsCancellationRequested)
        || (calledMethod?.IsDefined(typeof(Orleans.Concurrency.ReadOnlyAttribute), inherit: true) == true && error is not (ArgumentException or InvalidOperationException or NotSupportedException));
}
