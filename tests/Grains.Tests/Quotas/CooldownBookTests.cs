using Microsoft.Extensions.Time.Testing;
using OrleansBots.Quotas;

namespace OrleansBots.Tests.Quotas;

public sealed class CooldownBookTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly CooldownRule Default = new(TimeSpan.FromSeconds(10), 20);
    private static readonly CooldownRule QuotaOnly = new(TimeSpan.Zero, 20);

    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public void AnActionIsRefusedDuringTheCooldownAndAllowedExactlyWhenItEnds()
    {
        var book = Book();
        Assert.True(book.TryAct("alice", Default).Allowed);

        _time.Advance(TimeSpan.FromSeconds(9.999));
        var early = book.TryAct("alice", Default);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var atEnd = book.TryAct("alice", Default);

        Assert.Equal((false, CooldownLimit.Cooldown, TimeSpan.FromMilliseconds(1)), (early.Allowed, early.Limit, early.RetryAfter));
        Assert.Equal((true, CooldownLimit.None, TimeSpan.Zero, 2), (atEnd.Allowed, atEnd.Limit, atEnd.RetryAfter, atEnd.UsedLastHour));
    }

    [Fact]
    public void ARefusedActionDoesNotRestartTheCooldown()
    {
        var book = Book();
        book.TryAct("alice", Default);
        _time.Advance(TimeSpan.FromSeconds(5));
        book.TryAct("alice", Default);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(book.TryAct("alice", Default).Allowed);
    }

    [Fact]
    public void TwentyActionsFitInTheHourAndTheTwentyFirstIsRefusedUntilTheFirstLeaves()
    {
        var book = Book();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(book.TryAct("alice", Default).Allowed, $"action {i + 1}");
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = book.TryAct("alice", Default);

        // The first action was 20 minutes ago: it leaves the window in 40 minutes.
        Assert.Equal((false, CooldownLimit.HourlyQuota, TimeSpan.FromMinutes(40)), (refused.Allowed, refused.Limit, refused.RetryAfter));
        Assert.Equal((20, 20), (refused.UsedLastHour, refused.HourlyQuota));
    }

    [Fact]
    public void TheSlidingWindowFreesTheOldestActionExactlyAnHourLater()
    {
        var book = Book();
        book.TryAct("alice", QuotaOnly);
        _time.Advance(TimeSpan.FromMinutes(30));
        for (var i = 0; i < 19; i++)
        {
            Assert.True(book.TryAct("alice", QuotaOnly).Allowed);
        }

        _time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromTicks(1));
        var justBefore = book.TryAct("alice", QuotaOnly);
        _time.Advance(TimeSpan.FromTicks(1));
        var freed = book.TryAct("alice", QuotaOnly);
        var full = book.TryAct("alice", QuotaOnly);

        Assert.Equal((false, TimeSpan.FromTicks(1)), (justBefore.Allowed, justBefore.RetryAfter));
        Assert.Equal((true, 20), (freed.Allowed, freed.UsedLastHour));
        Assert.Equal((false, CooldownLimit.HourlyQuota, TimeSpan.FromMinutes(30)), (full.Allowed, full.Limit, full.RetryAfter));
    }

    [Fact]
    public void WhenBothLimitsRefuseTheAnswerNamesTheLongerWait()
    {
        var book = Book();
        var rule = new CooldownRule(TimeSpan.FromMinutes(10), 1);
        book.TryAct("alice", rule);
        _time.Advance(TimeSpan.FromMinutes(1));

        var refused = book.TryAct("alice", rule);

        Assert.Equal((CooldownLimit.HourlyQuota, TimeSpan.FromMinutes(59)), (refused.Limit, refused.RetryAfter));
    }

    [Fact]
    public void KeysAreLimitedIndependentlyAndAZeroRuleLimitsNothing()
    {
        var book = Book();
        var none = new CooldownRule(TimeSpan.Zero, 0);
        book.TryAct("alice", Default);

        Assert.True(book.TryAct("bob", Default).Allowed);
        Assert.False(book.TryAct("alice", Default).Allowed);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(book.TryAct("carol", none).Allowed));
    }

    [Fact]
    public void ALowerQuotaForAKeyKeepsItsNewestActions()
    {
        var book = Book();
        for (var i = 0; i < 10; i++)
        {
            book.TryAct("alice", QuotaOnly);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = book.TryAct("alice", new CooldownRule(TimeSpan.Zero, 3));

        // Eight of the ten must leave before a fourth fits: the eighth was 3 minutes ago.
        Assert.Equal((false, TimeSpan.FromMinutes(57)), (refused.Allowed, refused.RetryAfter));
    }

    [Fact]
    public void IdleKeysAreRemovedOnlyAfterTheMaxIdleTimeAndAFewPerAction()
    {
        var book = Book(idlePerAction: 2);
        for (var i = 0; i < 10; i++)
        {
            book.TryAct($"user{i}", Default);
        }

        _time.Advance(TimeSpan.FromHours(1));
        book.TryAct("fresh", Default);
        Assert.Equal(11, book.Count);

        _time.Advance(TimeSpan.FromTicks(1));
        book.TryAct("fresh2", Default);
        Assert.Equal(10, book.Count);
        book.TryAct("fresh3", Default);
        Assert.Equal(9, book.Count);
    }

    [Fact]
    public void ASweepRemovesAtMostItsBoundOldestFirstAndSparesKeysThatActedSince()
    {
        var book = Book(idlePerAction: 0);
        for (var i = 0; i < 100; i++)
        {
            book.TryAct($"user{i}", QuotaOnly);
        }

        _time.Advance(TimeSpan.FromMinutes(30));
        book.TryAct("user0", QuotaOnly);
        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(40, book.RemoveIdle(40));
        Assert.Equal(60, book.Count);
        Assert.Equal(59, book.RemoveIdle(1000));
        Assert.Equal(0, book.RemoveIdle(1000));

        // user0 is the one left, and still remembers its action of 31 minutes ago.
        Assert.Equal(1, book.Count);
        Assert.Equal(2, book.TryAct("user0", QuotaOnly).UsedLastHour);
    }

    [Fact]
    public void AForgottenKeyStartsAfresh()
    {
        var book = Book();
        book.TryAct("alice", Default);
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, book.RemoveIdle(10));

        var again = book.TryAct("alice", Default);

        Assert.Equal((true, 1), (again.Allowed, again.UsedLastHour));
    }

    private CooldownBook Book(int idlePerAction = 4) => new(TimeSpan.FromHours(1), idlePerAction, _time);
}
