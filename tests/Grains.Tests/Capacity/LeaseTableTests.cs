using OrleansBots.Capacity;

namespace OrleansBots.Tests.Capacity;

public sealed class LeaseTableTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly PlatformLimits Limits = PlatformLimits.Defaults with { MaxConcurrentBots = 3, MaxBotsPerUser = 2 };

    [Fact]
    public void GrantsUntilThePlatformIsFullThenRefuses()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        Assert.Equal(AdmissionOutcome.Granted, table.TryAcquire("b1", "u1", Limits, null, Start).Outcome);
        Assert.Equal(AdmissionOutcome.Granted, table.TryAcquire("b2", "u2", Limits, null, Start).Outcome);
        Assert.Equal(AdmissionOutcome.Granted, table.TryAcquire("b3", "u3", Limits, null, Start).Outcome);

        var refused = table.TryAcquire("b4", "u4", Limits, null, Start);

        Assert.Equal(AdmissionOutcome.PlatformFull, refused.Outcome);
        Assert.Equal(3, refused.CurrentBots);
        Assert.Equal(3, table.Count);
    }

    [Fact]
    public void RefusesAUserAtTheirLimitAndHonoursTheirOverride()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        table.TryAcquire("b1", "alice", Limits, null, Start);
        table.TryAcquire("b2", "alice", Limits, null, Start);

        var third = table.TryAcquire("b3", "alice", Limits, null, Start);
        var withOverride = table.TryAcquire("b3", "alice", Limits, 3, Start);

        Assert.Equal(AdmissionOutcome.UserLimitReached, third.Outcome);
        Assert.Equal(2, third.UserBots);
        Assert.Equal(2, third.UserLimit);
        Assert.Equal(AdmissionOutcome.Granted, withOverride.Outcome);
        Assert.Equal(3, table.CountFor("alice"));
    }

    [Fact]
    public void AcquiringAHeldLeaseAgainCountsItOnce()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        table.TryAcquire("b1", "u1", Limits, null, Start);

        var again = table.TryAcquire("b1", "u1", Limits, null, Start.AddSeconds(5));

        Assert.Equal(AdmissionOutcome.AlreadyHeld, again.Outcome);
        Assert.Equal(1, table.Count);
        Assert.Equal(1, table.CountFor("u1"));
    }

    [Fact]
    public void ReleaseFreesTheSlotOfTheBotAndOfItsUser()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        table.TryAcquire("b1", "u1", Limits, null, Start);

        Assert.True(table.Release("b1"));
        Assert.False(table.Release("b1"));
        Assert.Equal(0, table.Count);
        Assert.Equal(0, table.CountFor("u1"));
        Assert.Equal(0, table.UserCount);
    }

    [Fact]
    public void ARenewalExtendsTheLeaseInPlaceWithoutAllocating()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        table.TryAcquire("b1", "u1", Limits, null, Start);
        table.Renew("b1", Start.AddSeconds(1));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 2; i <= 1000; i++)
        {
            table.Renew("b1", Start.AddSeconds(i));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 1000, $"{allocated} bytes for 999 renewals");
        Assert.Equal(Start.AddSeconds(1030), Assert.Single(table.Leases).ExpiresAt);
    }

    [Fact]
    public void ALeaseNotRenewedExpiresAfterItsDurationAndARenewedOneDoesNot()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        table.TryAcquire("zombie", "u1", Limits, null, Start);
        table.TryAcquire("alive", "u2", Limits, null, Start);
        table.TryAcquire("alive", "u2", Limits, null, Start.AddSeconds(20));

        Assert.Empty(table.RemoveExpired(Start.AddSeconds(29)));
        var expired = table.RemoveExpired(Start.AddSeconds(30));

        Assert.Equal("zombie", Assert.Single(expired).BotId);
        Assert.True(table.Holds("alive"));
        Assert.Equal(1, table.Count);
        Assert.Equal(0, table.CountFor("u1"));
    }

    [Fact]
    public void SilentLeasesAreThoseNotRenewedForTheGivenTime()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        table.TryAcquire("quiet", "u1", Limits, null, Start);
        table.TryAcquire("chatty", "u2", Limits, null, Start);
        table.TryAcquire("chatty", "u2", Limits, null, Start.AddSeconds(10));

        var silent = table.Silent(Start.AddSeconds(15), TimeSpan.FromSeconds(15));

        Assert.Equal("quiet", Assert.Single(silent).BotId);
    }

    [Fact]
    public void LoweringTheMaximumBelowTheCountKeepsLeasesButAdmitsNone()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        table.TryAcquire("b1", "u1", Limits, null, Start);
        table.TryAcquire("b2", "u2", Limits, null, Start);
        var lowered = Limits with { MaxConcurrentBots = 1 };

        Assert.Equal(AdmissionOutcome.PlatformFull, table.TryAcquire("b3", "u3", lowered, null, Start).Outcome);
        Assert.Equal(AdmissionOutcome.AlreadyHeld, table.TryAcquire("b1", "u1", lowered, null, Start).Outcome);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void RestoringASnapshotIgnoresLimitsAndDuplicates()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        table.Restore("b1", "u1", Start);
        table.Restore("b1", "u1", Start);
        table.Restore("b2", "u1", Start);

        Assert.Equal(2, table.Count);
        Assert.Equal(2, table.CountFor("u1"));
    }

    [Fact]
    public void AWriteHoldsOnlyTheLeasesGrantedOrFreedSinceThePreviousOneAndRenewalsAreNotAmongThem()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        var many = Limits with { MaxConcurrentBots = 10_000, MaxBotsPerUser = 10_000 };
        for (var i = 0; i < 5000; i++)
        {
            table.TryAcquire($"old-{i}", "u", many, null, Start);
        }

        Assert.Equal(5000, table.TakeChanges().Held.Count);
        table.TryAcquire("old-1", "u", many, null, Start.AddSeconds(10));
        table.TryAcquire("new", "u", many, null, Start);
        table.Release("old-2");
        table.TryAcquire("brief", "u", many, null, Start);
        table.Release("brief");

        var batch = table.TakeChanges();

        Assert.Equal([new LeaseRecord("new", "u")], batch.Held);
        Assert.Equal(["brief", "old-2"], batch.Freed.Order());
        Assert.True(table.TakeChanges().IsEmpty);
    }

    [Fact]
    public void ABatchThatWasNotWrittenGoesIntoTheNextOneAsTheLeasesAreThen()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        table.TryAcquire("b1", "u1", Limits, null, Start);
        table.TryAcquire("b2", "u2", Limits, null, Start);
        var lost = table.TakeChanges();
        table.Release("b1");

        table.Requeue(lost);
        var next = table.TakeChanges();

        Assert.Equal([new LeaseRecord("b2", "u2")], next.Held);
        Assert.Equal(["b1"], next.Freed);
    }

    [Fact]
    public void ARenewalExtendsAHeldLeaseWithoutAWriteAndGrantsNothingToABotWithoutOne()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        table.TryAcquire("b1", "u1", Limits, null, Start);
        table.TakeChanges();

        var held = table.Renew("b1", Start.AddSeconds(20));
        var unknown = table.Renew("b9", Start.AddSeconds(20));

        Assert.True(held);
        Assert.False(unknown);
        Assert.Equal(1, table.Count);
        Assert.True(table.TakeChanges().IsEmpty);
        Assert.Empty(table.RemoveExpired(Start.AddSeconds(45)));
        Assert.Equal("b1", Assert.Single(table.RemoveExpired(Start.AddSeconds(50))).BotId);
    }

    [Fact]
    public void ALeaseThatTheSilosSummariesStopCarryingExpiresWhileTheOthersAreExtended()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        table.TryAcquire("b1", "u1", Limits, null, Start);
        table.TryAcquire("b2", "u2", Limits, null, Start);

        // b1's silo died: only b2's silo keeps sending its summary.
        for (var second = 10; second <= 40; second += 10)
        {
            table.Renew("b2", Start.AddSeconds(second));
        }

        Assert.Equal("b1", Assert.Single(table.RemoveExpired(Start.AddSeconds(40))).BotId);
        Assert.True(table.Holds("b2"));
    }
}
