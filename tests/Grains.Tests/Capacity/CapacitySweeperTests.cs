using OrleansBots.Capacity;

namespace OrleansBots.Tests.Capacity;

public sealed class CapacitySweeperTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Renew = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private static readonly PlatformLimits Limits = PlatformLimits.Defaults with { MaxBotsPerUser = 100 };

    private readonly LeaseTable _leases = new(LeaseDuration);
    private readonly CapacitySweeper _sweeper = new(Renew);

    [Fact]
    public void SweepsEveryHalfRenewalBetweenAFifthOfASecondAndASecondAndCallsSilentBotsAtMostEveryRenewalUpToTwoSeconds()
    {
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)), (_sweeper.SweepEvery, _sweeper.PingRetry));
        var quick = new CapacitySweeper(TimeSpan.FromMilliseconds(100));
        Assert.Equal((TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)), (quick.SweepEvery, quick.PingRetry));
        Assert.Equal(TimeSpan.FromSeconds(15), _sweeper.Silence);
    }

    [Fact]
    public void ABotIsCalledOnceItMissedARenewalAndThenAtMostOncePerRetry()
    {
        _leases.TryAcquire("quiet", "u1", Limits, null, Start);
        _leases.TryAcquire("chatty", "u2", Limits, null, Start);
        _leases.TryAcquire("chatty", "u2", Limits, null, Start.AddSeconds(15));

        var early = _sweeper.Sweep(_leases, Start.AddSeconds(14.9));
        var silent = _sweeper.Sweep(_leases, Start.AddSeconds(15));
        _sweeper.CallEnded("quiet");
        var tooSoon = _sweeper.Sweep(_leases, Start.AddSeconds(16.9));
        var again = _sweeper.Sweep(_leases, Start.AddSeconds(17));

        Assert.Empty(early.ToPing);
        Assert.Equal(["quiet"], silent.ToPing);
        Assert.Empty(tooSoon.ToPing);
        Assert.Equal(["quiet"], again.ToPing);
    }

    [Fact]
    public void EveryRestoredLeaseIsCalledAtTheFirstSweepOnly()
    {
        _leases.Restore("b1", "u1", Start);
        _leases.Restore("b2", "u2", Start);
        _sweeper.PingAllRestored();

        var first = _sweeper.Sweep(_leases, Start);
        var second = _sweeper.Sweep(_leases, Start.AddSeconds(3));

        Assert.Equal(["b1", "b2"], first.ToPing.Order());
        Assert.Empty(second.ToPing);
    }

    [Fact]
    public void WhileItsSiloStopsASweepNeitherFreesLeasesNorCallsBots()
    {
        _leases.TryAcquire("saved-on-the-way-out", "u1", Limits, null, Start);

        var stopping = _sweeper.Sweep(_leases, Start + LeaseDuration, siloStopping: true);

        Assert.Equal((0, 0), (stopping.Expired.Count, stopping.ToPing.Count));
        Assert.True(_leases.Holds("saved-on-the-way-out"));
        Assert.Equal("saved-on-the-way-out", Assert.Single(_sweeper.Sweep(_leases, Start + LeaseDuration).Expired).BotId);
    }

    [Fact]
    public void ARestoredLeaseDoesNotExpireWhileItsBotsFirstCallHasNotReturned()
    {
        _leases.Restore("waiting", "u1", Start);
        _leases.Restore("answered", "u2", Start);
        _sweeper.PingAllRestored();
        Assert.Equal(["answered", "waiting"], _sweeper.Sweep(_leases, Start).ToPing.Order());
        _sweeper.CallEnded("answered");

        // A restart's thousands of calls go out a bounded number at a time: "waiting" is still in the queue.
        var atExpiry = _sweeper.Sweep(_leases, Start + LeaseDuration);
        _sweeper.CallEnded("waiting");
        var afterItsCall = _sweeper.Sweep(_leases, Start + LeaseDuration + TimeSpan.FromSeconds(1));

        Assert.Equal("answered", Assert.Single(atExpiry.Expired).BotId);
        Assert.Equal("waiting", Assert.Single(afterItsCall.Expired).BotId);
    }

    [Fact]
    public void ALeaseThatWasNotRestoredExpiresOnTimeEvenWhileItsBotIsBeingCalled()
    {
        _leases.TryAcquire("silent", "u1", Limits, null, Start);
        Assert.Equal(["silent"], _sweeper.Sweep(_leases, Start.AddSeconds(15)).ToPing);

        var atExpiry = _sweeper.Sweep(_leases, Start + LeaseDuration);

        Assert.Equal("silent", Assert.Single(atExpiry.Expired).BotId);
    }

    [Fact]
    public void AnExpiredLeaseIsFreedAndItsBotCalledUntilItAnswersOrTheLostBotWatchEnds()
    {
        _leases.TryAcquire("lost", "u1", Limits, null, Start);
        _leases.TryAcquire("found", "u2", Limits, null, Start);
        var expiry = Start + LeaseDuration;
        _sweeper.Sweep(_leases, expiry.AddSeconds(-1));
        _sweeper.CallEnded("lost");
        _sweeper.CallEnded("found");

        var freed = _sweeper.Sweep(_leases, expiry);
        _sweeper.CallEnded("lost");
        _sweeper.CallEnded("found");
        _sweeper.Answered("found");
        var watched = _sweeper.Sweep(_leases, expiry.AddSeconds(2));
        _sweeper.CallEnded("lost");
        var givenUp = _sweeper.Sweep(_leases, expiry + CapacitySweeper.LostBotWatch + TimeSpan.FromSeconds(1));
        var after = _sweeper.Sweep(_leases, expiry + CapacitySweeper.LostBotWatch + TimeSpan.FromSeconds(5));

        Assert.Equal(["found", "lost"], freed.Expired.Select(l => l.BotId).Order());
        Assert.Equal(["found", "lost"], freed.ToPing.Order());
        Assert.Equal(0, _leases.Count);
        Assert.Equal(["lost"], watched.ToPing);
        Assert.Equal(["lost"], givenUp.GivenUp);
        Assert.Empty(after.ToPing);
    }

    [Fact]
    public void ARenewingBotIsNeitherCalledNorWatchedAsLost()
    {
        _leases.TryAcquire("b1", "u1", Limits, null, Start);
        _sweeper.Sweep(_leases, Start + LeaseDuration);

        _sweeper.Renewed("b1");
        var next = _sweeper.Sweep(_leases, Start + LeaseDuration + TimeSpan.FromSeconds(5));

        Assert.Empty(next.ToPing);
    }

    [Fact]
    public void AnAdmittedOrReleasedBotIsNoLongerHeldBackByItsLastCall()
    {
        _leases.TryAcquire("b1", "u1", Limits, null, Start);
        Assert.Equal(["b1"], _sweeper.Sweep(_leases, Start.AddSeconds(15)).ToPing);
        Assert.Empty(_sweeper.Sweep(_leases, Start.AddSeconds(15.5)).ToPing);

        _sweeper.CallEnded("b1");
        _sweeper.Settled("b1");

        Assert.Equal(["b1"], _sweeper.Sweep(_leases, Start.AddSeconds(16)).ToPing);
    }

    [Fact]
    public void ABotWhoseCallHasNotReturnedIsNotCalledAgainUntilItDoes()
    {
        _leases.Restore("slow", "u1", Start);
        _sweeper.PingAllRestored();
        Assert.Equal(["slow"], _sweeper.Sweep(_leases, Start).ToPing);

        // Still silent long after, but its first call (an activation behind a busy database) has not returned.
        var waiting = _sweeper.Sweep(_leases, Start.AddSeconds(20));
        _sweeper.CallEnded("slow");
        var after = _sweeper.Sweep(_leases, Start.AddSeconds(21));

        Assert.Empty(waiting.ToPing);
        Assert.Equal(["slow"], after.ToPing);
    }
}
