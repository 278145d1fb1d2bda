using OrleansBots.Chat;

namespace OrleansBots.Tests.Chat;

public sealed class EndpointHealthTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T12:00:00Z");

    [Fact]
    public void FailuresInARowWaitFiveSecondsThenDoubleUpToFiveMinutes()
    {
        var health = new EndpointHealth(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(300));

        var waits = Enumerable.Range(0, 9).Select(_ => health.Failed(Now).TotalSeconds).ToList();

        Assert.Equal([5, 10, 20, 40, 80, 160, 300, 300, 300], waits);
        Assert.False(health.MayTry(Now + TimeSpan.FromSeconds(299), out _));
        Assert.True(health.MayTry(Now + TimeSpan.FromSeconds(300), out var needsProbe));
        Assert.True(needsProbe);
    }

    [Fact]
    public void ASuccessClearsTheFailures()
    {
        var health = new EndpointHealth(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(300));
        health.Failed(Now);
        health.Failed(Now);

        health.Succeeded();

        Assert.True(health.MayTry(Now, out var needsProbe));
        Assert.False(needsProbe);
        Assert.Equal(5, health.Failed(Now).TotalSeconds);
    }

    [Fact]
    public void ABusyEndpointWaitsItsRetryAfterCappedAndIsNoFailure()
    {
        var health = new EndpointHealth(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(300));

        health.Busy(Now, TimeSpan.FromSeconds(42));
        var afterRetryAfter = health.MayTry(Now + TimeSpan.FromSeconds(42), out var needsProbe);
        health.Busy(Now, TimeSpan.FromHours(1));

        Assert.True(afterRetryAfter);
        Assert.False(needsProbe);
        Assert.Equal(0, health.FailuresInARow);
        Assert.Equal(Now + TimeSpan.FromSeconds(300), health.RetryAt);
    }
}
