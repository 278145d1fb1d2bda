using Microsoft.Extensions.Options;
using OrleansBots.Market.Egress;

namespace OrleansBots.Tests.Market.Egress;

[Collection(ClusterCollection.Name)]
public sealed class RateLimiterGrainTests(ClusterFixture fixture)
{
    private const int Budget = 6000;

    [Fact]
    public async Task ConcurrentCallersGetExactlyTheBudgetOfAWindow()
    {
        await FreshMinute.WaitAsync();
        var limiter = fixture.Grains.GetGrain<IRateLimiterGrain>(NewScope());

        var grants = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => limiter.TryAcquire(50)));
        var stats = await limiter.GetStats();

        Assert.Equal(Budget, grants.Where(g => g.Granted).Sum(g => g.Weight));
        Assert.Equal((Budget, Budget, 80L), (stats.Used, stats.Budget, stats.Rejections));
        Assert.All(grants.Where(g => !g.Granted), g => Assert.InRange(g.RetryAfter, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A418ReportedToTheGrainRefusesEveryoneUntilRetryAfter()
    {
        var limiter = fixture.Grains.GetGrain<IRateLimiterGrain>(NewScope());
        await limiter.Report(new EgressOutcome(418, RetryAfter: TimeSpan.FromSeconds(2)));

        var refused = await limiter.TryAcquire(1);
        Assert.Equal((false, EgressState.Banned), (refused.Granted, refused.State));
        Assert.Equal(EgressState.Banned, (await limiter.GetStats()).State);

        await Task.Delay(refused.RetryAfter + TimeSpan.FromMilliseconds(50));
        Assert.True((await limiter.TryAcquire(1)).Granted);
    }

    [Fact]
    public async Task SilosLeasingInBatchesTogetherNeverExceedTheBudget()
    {
        await FreshMinute.WaitAsync();
        var scope = NewScope();
        var silos = Enumerable.Range(0, 2).Select(_ => SiloBudget(fixture.Grains)).ToArray();

        var started = DateTimeOffset.UtcNow;
        var grants = await Task.WhenAll(Enumerable.Range(0, 4000).Select(i => silos[i % 2].TryAcquireAsync(scope, 2)));
        var minutes = FreshMinute.Spanned(started, DateTimeOffset.UtcNow);
        var stats = await fixture.Grains.GetGrain<IRateLimiterGrain>(scope).GetStats();

        var granted = grants.Where(g => g.Granted).Sum(g => g.Weight);
        Assert.InRange(granted, Budget - 2 * 600, Budget * minutes);
        Assert.True(stats.Used <= Budget, $"used {stats.Used}");
        // Batching: one grain grant serves many requests (20 when nothing lapses; a slow machine lets leases lapse and re-lease).
        var requests = grants.Count(g => g.Granted);
        Assert.True(stats.Grants <= requests / 20, $"{stats.Grants} grain grants for {requests} requests");
    }

    [Fact]
    public async Task AFailureSeenByOneSiloStopsTheOtherWhenItsLeaseLapses()
    {
        await FreshMinute.WaitAsync();
        var scope = NewScope();
        var (first, second) = (SiloBudget(fixture.Grains), SiloBudget(fixture.Grains));
        Assert.True((await first.TryAcquireAsync(scope, 1)).Granted);
        Assert.True((await second.TryAcquireAsync(scope, 1)).Granted);

        await first.ReportAsync(scope, new EgressOutcome(418, RetryAfter: TimeSpan.FromSeconds(30)));
        Assert.False((await first.TryAcquireAsync(scope, 1)).Granted);

        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var refused = await second.TryAcquireAsync(scope, 1);
        Assert.Equal((false, EgressState.Banned), (refused.Granted, refused.State));
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
    }

    private static EgressBudget SiloBudget(IGrainFactory grains) => new(grains, Options.Create(new EgressOptions()), TimeProvider.System);

    private static string NewScope() => $"endpoint:test-{Guid.NewGuid():N}";
}
