using Microsoft.Extensions.Logging.Abstractions;
using OrleansBots.Bots;
using OrleansBots.Capacity;

namespace OrleansBots.Tests.Bots;

public sealed class BotLeaseTests
{
    private static readonly Admission Held = new(AdmissionOutcome.AlreadyHeld, 5, 10, 1, 1);
    private static readonly Admission Full = new(AdmissionOutcome.PlatformFull, 10, 10, 0, 1);

    private readonly BotLease _lease = new("bot-1", NullLogger.Instance);
    private readonly List<string> _failures = [];

    [Fact]
    public async Task ARenewalThePlatformRefusesFailsTheBotWithTheNumbers()
    {
        await _lease.RenewAsync(() => Task.FromResult(Held), FailAsync);
        await _lease.RenewAsync(() => Task.FromResult(Full), FailAsync);

        Assert.Equal(["Lost its running slot and the platform could not admit it again (PlatformFull: 10/10)"], _failures);
    }

    [Fact]
    public async Task ACapacityGrainThatDoesNotAnswerIsAskedAgainLaterWithoutFailingTheBot()
    {
        await _lease.RenewAsync(() => throw new TimeoutException(), FailAsync);
        var resumed = await _lease.ResumeAsync(() => throw new TimeoutException(), FailAsync);
        await _lease.ReleaseAsync(() => throw new TimeoutException());

        Assert.True(resumed);
        Assert.Empty(_failures);
    }

    [Fact]
    public async Task ABotWhoseSlotIsRefusedAfterARestartFailsInsteadOfResuming()
    {
        var held = await _lease.ResumeAsync(() => Task.FromResult(Held), FailAsync);
        var refused = await _lease.ResumeAsync(() => Task.FromResult(Full), FailAsync);

        Assert.Equal((true, false), (held, refused));
        Assert.Equal(["Could not get its running slot back after a restart (PlatformFull: 10/10)"], _failures);
    }

    private Task FailAsync(string reason)
    {
        _failures.Add(reason);
        return Task.CompletedTask;
    }
}
