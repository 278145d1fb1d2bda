using Microsoft.Extensions.Time.Testing;
using OrleansBots.Market.Egress;

namespace OrleansBots.Tests.Market.Egress;

public sealed class EgressControllerTests
{
    // Two seconds into a minute, so that a window boundary is 58 s away.
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 2, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    private EgressController Controller(Action<EgressOptions>? configure = null, Func<double>? random = null)
    {
        var options = new EgressOptions { Budget = 100, IncreaseStep = 10 };
        configure?.Invoke(options);
        return new EgressController(options, _time, random ?? (() => 0.5));
    }

    [Fact]
    public void TheBudgetOfAWindowIsNeverExceededAndReturnsWithTheNextWindow()
    {
        var budget = Controller();
        var granted = Enumerable.Range(0, 60).Count(_ => budget.TryAcquire(2).Granted);
        var refused = budget.TryAcquire(1);

        Assert.Equal(50, granted);
        Assert.Equal((false, TimeSpan.FromSeconds(58), EgressState.Healthy), (refused.Granted, refused.RetryAfter, refused.State));
        Assert.Equal((100, 100, 11L), (budget.Stats().Used, budget.Stats().Limit, budget.Stats().Rejections));

        _time.Advance(TimeSpan.FromSeconds(58));
        Assert.True(budget.TryAcquire(100).Granted);
    }

    [Fact]
    public void AWeightLargerThanTheBudgetIsAnError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Controller().TryAcquire(101));
        Assert.Throws<ArgumentOutOfRangeException>(() => Controller().TryAcquire(0));
    }

    [Fact]
    public void TheExchangesCountCorrectsTheOwnCountUpwardOnly()
    {
        var budget = Controller();
        budget.TryAcquire(10);
        budget.Report(new EgressOutcome(200, UsedWeight: 95));
        Assert.Equal(95, budget.Stats().Used);
        Assert.False(budget.TryAcquire(6).Granted);

        budget.Report(new EgressOutcome(200, UsedWeight: 3));
        Assert.Equal(95, budget.Stats().Used);
    }

    [Fact]
    public void A429HalvesTheLimitAndBlocksForItsRetryAfter()
    {
        var budget = Controller();
        budget.Report(new EgressOutcome(429, RetryAfter: TimeSpan.FromSeconds(7)));

        var blocked = budget.TryAcquire(1);
        Assert.Equal((false, TimeSpan.FromSeconds(7), EgressState.Throttled), (blocked.Granted, blocked.RetryAfter, blocked.State));
        Assert.Equal(50, budget.Stats().Limit);

        _time.Advance(TimeSpan.FromSeconds(7));
        var after = budget.TryAcquire(50);
        Assert.Equal((true, EgressState.Healthy), (after.Granted, after.State));
        Assert.False(budget.TryAcquire(1).Granted);
    }

    [Fact]
    public void A429WithoutRetryAfterBacksOffExponentially()
    {
        var budget = Controller();
        budget.Report(new EgressOutcome(429));
        Assert.Equal(TimeSpan.FromSeconds(5), budget.TryAcquire(1).RetryAfter);
        budget.Report(new EgressOutcome(429));
        Assert.Equal(TimeSpan.FromSeconds(10), budget.TryAcquire(1).RetryAfter);
    }

    [Fact]
    public void A418StopsEverythingUntilRetryAfterThenRequestsResume()
    {
        var budget = Controller();
        budget.Report(new EgressOutcome(418, RetryAfter: TimeSpan.FromSeconds(120)));

        _time.Advance(TimeSpan.FromSeconds(119));
        var blocked = budget.TryAcquire(1);
        Assert.Equal((false, TimeSpan.FromSeconds(1), EgressState.Banned), (blocked.Granted, blocked.RetryAfter, blocked.State));
        Assert.Equal(1, budget.Stats().Bans);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(budget.TryAcquire(1).Granted);
        Assert.Equal(EgressState.Healthy, budget.Stats().State);
    }

    [Fact]
    public void A418WithoutRetryAfterBlocksForTheConfiguredBan()
    {
        var budget = Controller(o => o.BanWithoutRetryAfter = TimeSpan.FromMinutes(3));
        budget.Report(new EgressOutcome(418));
        Assert.Equal(TimeSpan.FromMinutes(3), budget.TryAcquire(1).RetryAfter);
    }

    [Fact]
    public void TheLimitGrowsByTheStepAfterEachQuietWindowButNeverAboveTheBudget()
    {
        var budget = Controller();
        budget.Report(new EgressOutcome(429, RetryAfter: TimeSpan.FromSeconds(1)));
        budget.Report(new EgressOutcome(429, RetryAfter: TimeSpan.FromSeconds(1)));
        Assert.Equal(25, budget.Limit);

        var limits = new List<int>();
        for (var minute = 0; minute < 10; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            limits.Add(budget.Stats().Limit);
        }

        // The window of the 429s itself ends throttled: no increase for it.
        Assert.Equal([25, 35, 45, 55, 65, 75, 85, 95, 100, 100], limits);
    }

    [Fact]
    public void TheLimitNeverFallsBelowItsFloor()
    {
        var budget = Controller(o => o.MinLimitFraction = 0.1);
        for (var i = 0; i < 20; i++)
        {
            budget.Report(new EgressOutcome(429, RetryAfter: TimeSpan.FromSeconds(1)));
        }

        Assert.Equal(10, budget.Limit);
    }

    [Fact]
    public void FailuresInARowBackOffFrom5SecondsDoublingUpTo300()
    {
        var budget = Controller(o => o.FailuresToOpen = 100);
        var waits = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            budget.Report(i % 2 == 0 ? EgressOutcome.NoAnswer : new EgressOutcome(503));
            waits.Add(budget.TryAcquire(1).RetryAfter.TotalSeconds);
        }

        Assert.Equal([5, 10, 20, 40, 80, 160, 300, 300, 300], waits);
        Assert.Equal(EgressState.BackingOff, budget.Stats().State);
    }

    [Fact]
    public void JitterSpreadsTheBackoffWithinItsShare()
    {
        var low = Controller(random: () => 0.0).Backoff(2);
        var high = Controller(random: () => 0.999999).Backoff(2);
        var capped = Controller(random: () => 0.999999).Backoff(20);

        Assert.Equal(TimeSpan.FromSeconds(8), low);
        Assert.InRange(high.TotalSeconds, 11.99, 12);
        Assert.Equal(TimeSpan.FromSeconds(300), capped);
    }

    [Fact]
    public void ASuccessEndsTheFailureStreak()
    {
        var budget = Controller();
        budget.Report(new EgressOutcome(500));
        budget.Report(new EgressOutcome(500));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(budget.TryAcquire(1).Granted);
        budget.Report(new EgressOutcome(200));
        budget.Report(new EgressOutcome(500));

        Assert.Equal(TimeSpan.FromSeconds(5), budget.TryAcquire(1).RetryAfter);
        Assert.Equal((1, 3L), (budget.Stats().ConsecutiveFailures, budget.Stats().Failures));
    }

    [Fact]
    public void TheCircuitOpensAfterFailuresInARowAndOneProbeDecides()
    {
        var budget = Controller(o => o.FailuresToOpen = 3);
        for (var i = 0; i < 3; i++)
        {
            budget.Report(new EgressOutcome(502));
        }

        Assert.Equal(EgressState.CircuitOpen, budget.Stats().State);
        Assert.Equal(TimeSpan.FromSeconds(300), budget.TryAcquire(1).RetryAfter);

        _time.Advance(TimeSpan.FromSeconds(300));
        var probe = budget.TryAcquire(1);
        Assert.Equal((true, EgressState.HalfOpen), (probe.Granted, probe.State));
        Assert.False(budget.TryAcquire(1).Granted);

        budget.Report(new EgressOutcome(502));
        Assert.Equal(EgressState.CircuitOpen, budget.Stats().State);

        _time.Advance(TimeSpan.FromSeconds(300));
        Assert.True(budget.TryAcquire(1).Granted);
        budget.Report(new EgressOutcome(200));
        Assert.Equal(EgressState.Healthy, budget.Stats().State);
        Assert.True(budget.TryAcquire(1).Granted);
    }

    [Fact]
    public void ALeaseTakesWhatIsLeftAndExpiresSoonerThanTheWindow()
    {
        var budget = Controller();
        budget.TryAcquire(95);

        var lease = budget.TryLease(1, 10);
        Assert.Equal((true, 5, Start + TimeSpan.FromSeconds(1)), (lease.Granted, lease.Weight, lease.ValidUntil));
        Assert.False(budget.TryLease(1, 10).Granted);
    }

    [Fact]
    public void ClientErrorsAreNotTheEndpointsFailures()
    {
        var budget = Controller();
        budget.Report(new EgressOutcome(400));
        budget.Report(new EgressOutcome(404));
        Assert.Equal((EgressState.Healthy, 0L), (budget.Stats().State, budget.Stats().Failures));
    }

    [Fact]
    public void UnspentLeaseWeightComesBackOnlyWithinItsWindow()
    {
        var budget = Controller();
        var lease = budget.TryLease(1, 40);
        budget.Return(38, lease.ValidUntil);
        Assert.Equal(2, budget.Stats().Used);

        var late = budget.TryLease(1, 40);
        _time.Advance(TimeSpan.FromMinutes(1));
        budget.TryAcquire(5);
        budget.Return(40, late.ValidUntil);
        Assert.Equal(5, budget.Stats().Used);
    }

    [Fact]
    public void ReturnedWeightDoesNotHideTheExchangesCount()
    {
        var budget = Controller();
        var lease = budget.TryLease(1, 40);
        budget.Report(new EgressOutcome(200, UsedWeight: 30));
        budget.Return(40, lease.ValidUntil);
        Assert.Equal(30, budget.Stats().Used);
    }
}
