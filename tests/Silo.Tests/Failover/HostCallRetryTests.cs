using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Invocation;
using OrleansBots.Silo.Failover;

namespace OrleansBots.Silo.Tests.Failover;

/// <summary>Which of the host's grain calls are retried while the cluster routes around a silo that is gone.</summary>
public sealed class HostCallRetryTests
{
    private static readonly HostCallRetry Retry = new(
        Options.Create(new GrainCallRetryOptions { Within = TimeSpan.FromSeconds(5), FirstDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(20) }),
        NullLogger<HostCallRetry>.Instance);

    [Fact]
    public async Task ARejectedCallToAGrainIsRetriedUntilItGoesThrough()
    {
        var call = new RejectedCall(GrainId.Create("bot", "b1"), failures: 2);

        await Retry.Invoke(call);

        Assert.Equal(3, call.Attempts);
    }

    [Fact]
    public void ACallThatGoesThroughAtOnceIsHandedBackAsItIsWithoutTheRetryPipeline()
    {
        var call = new RejectedCall(GrainId.Create("bot", "b1"), failures: 0);

        Assert.Same(Task.CompletedTask, Retry.Invoke(call));
        Assert.Equal(1, call.Attempts);
    }

    [Fact]
    public async Task WithNoRetryWindowARejectedCallIsTriedOnce()
    {
        var noRetries = new HostCallRetry(Options.Create(new GrainCallRetryOptions { Within = TimeSpan.Zero }), NullLogger<HostCallRetry>.Instance);
        var call = new RejectedCall(GrainId.Create("bot", "b1"), failures: 1);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => noRetries.Invoke(call));

        Assert.Equal(1, call.Attempts);
    }

    [Fact]
    public async Task ARejectedCallToASystemTargetFailsAtOnceSoOrleansLooksElsewhere()
    {
        // A directory lookup addressed to the partition of a silo that just died.
        var call = new RejectedCall(GrainId.Create("sys.svc.dir.remote", "S127.0.0.1:11111:1"), failures: int.MaxValue);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => Retry.Invoke(call));

        Assert.Equal(1, call.Attempts);
    }

    [Fact]
    public async Task ACallWhoseAddressingTheDirectoryCancelledIsRetriedUntilItGoesThrough()
    {
        // Orleans rejects a message whose directory lookup was cancelled (the partition's silo left) with that
        // cancellation: the message was never sent, and the API's call passed no token of its own.
        var call = new RejectedCall(GrainId.Create("bot", "b1"), failures: 2, () => new OperationCanceledException("The operation was canceled."));

        await Retry.Invoke(call);

        Assert.Equal(3, call.Attempts);
    }

    [Fact]
    public async Task ACallThatOnlyReadsIsRetriedAfterATimeout()
    {
        var call = new RejectedCall(GrainId.Create("bot", "b1"), failures: 2, () => new TimeoutException("no answer"), typeof(ITarget).GetMethod(nameof(ITarget.Read)));

        await Retry.Invoke(call);

        Assert.Equal(3, call.Attempts);
    }

    [Fact]
    public async Task ACallThatChangesStateIsNotRetriedAfterATimeoutForItMayHaveRun()
    {
        var call = new RejectedCall(GrainId.Create("bot", "b1"), failures: 2, () => new TimeoutException("no answer"), typeof(ITarget).GetMethod(nameof(ITarget.Change)));

        await Assert.ThrowsAsync<TimeoutException>(() => Retry.Invoke(call));

        Assert.Equal(1, call.Attempts);
    }

    private interface ITarget
    {
        [Orleans.Concurrency.ReadOnly]
        Task Read();

        Task Change();
    }

    /// <summary>An outgoing call made outside any grain that is rejected <paramref name="failures"/> times, then answers.</summary>
    private sealed class RejectedCall(GrainId target, int failures, Func<Exception>? rejection = null, MethodInfo? method = null) : IOutgoingGrainCallContext
    {
        public int Attempts { get; private set; }

        public IGrainContext? SourceContext => null;

        public IInvokable Request => null!;

        public object Grain => null!;

        public GrainId? SourceId => null;

        public GrainId TargetId => target;

        public GrainInterfaceType InterfaceType => default;

        public string InterfaceName => "ITarget";

        public string MethodName => "Call";

        public MethodInfo InterfaceMethod => method ?? typeof(RejectedCall).GetMethod(nameof(Invoke))!;

        public object? Result { get; set; }

        public Response? Response { get; set; }

        public Task Invoke() =>
            ++Attempts <= failures ? Task.FromException(rejection?.Invoke() ?? new SiloUnavailableException("the target silo is gone")) : Task.CompletedTask;
    }
}
