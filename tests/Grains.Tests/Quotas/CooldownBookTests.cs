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
    public void TwentyActionsFitInTheFirstHourAndTheTwentyFirstIsRefusedUntilThatHourIsOver()
    {
        var book = Book();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(book.TryAct("alice", Default).Allowed, $"action {i + 1}");
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = book.TryAct("alice", Default);

        // The key's first window began with its first action 20 minutes ago; the estimate falls below the quota just after it ends.
        Assert.Equal((false, CooldownLimit.HourlyQuota, TimeSpan.FromMinutes(40) + TimeSpan.FromTicks(1)), (refused.Allowed, refused.Limit, refused.RetryAfter));
        Assert.Equal((20, 20), (refused.UsedLastHour, refused.HourlyQuota));
        _time.Advance(refused.RetryAfter - TimeSpan.FromTicks(1));
        Assert.False(book.TryAct("alice", Default).Allowed);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.True(book.TryAct("alice", Default).Allowed);
    }

    [Fact]
    public void TheLastWindowsActionsCountInProportionToThePartOfItStillInsideTheSlidingHour()
    {
        var book = Book();
        for (var i = 0; i < 20; i++)
        {
            book.TryAct("alice", QuotaOnly);
        }

        // A quarter into the next window three quarters of the 20 still count: 15, so 5 more fit.
        _time.Advance(TimeSpan.FromMinutes(75));
        var quarter = Enumerable.Range(0, 10).Count(_ => book.TryAct("alice", QuotaOnly).Allowed);

        // Half way: 10 of the 20 still count, plus the 5 of this window: 5 more fit.
        _time.Advance(TimeSpan.FromMinutes(15));
        var half = Enumerable.Range(0, 10).Count(_ => book.TryAct("alice", QuotaOnly).Allowed);

        Assert.Equal((5, 5), (quarter, half));
    }

    [Fact]
    public void AfterAWholeWindowWithoutActionsAKeyHasItsWholeQuotaAgain()
    {
        var book = Book();
        for (var i = 0; i < 20; i++)
        {
            book.TryAct("alice", QuotaOnly);
        }

        _time.Advance(TimeSpan.FromMinutes(150));
        var allowed = Enumerable.Range(0, 25).Count(_ => book.TryAct("alice", QuotaOnly).Allowed);

        Assert.Equal(20, allowed);
    }

    [Fact]
    public void InTheWorstCaseAtMostTwiceTheQuotaPassInOneSlidingHour()
    {
        // docs/CACHE.md: the window's actions bunched at its very end, then a burst late in the next window.
        var book = Book();
        var allowedAt = new List<DateTimeOffset>();
        void Try()
        {
            if (book.TryAct("mallory", QuotaOnly).Allowed)
            {
                allowedAt.Add(_time.GetUtcNow());
            }
        }

        Try();
        _time.Advance(TimeSpan.FromMinutes(59));
        for (var i = 0; i < 30; i++)
        {
            Try();
        }

        for (var minute = 0; minute < 120; minute++)
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            Try();
        }

        var worst = allowedAt.Max(end => allowedAt.Count(at => at > end - CooldownRule.Window && at <= end));
        Assert.InRange(worst, 21, 40);
    }

    [Fact]
    public void WhenBothLimitsRefuseTheAnswerNamesTheLongerWait()
    {
        var book = Book();
        var rule = new CooldownRule(TimeSpan.FromMinutes(10), 1);
        book.TryAct("alice", rule);
        _time.Advance(TimeSpan.FromMinutes(1));

        var refused = book.TryAct("alice", rule);

        Assert.Equal((CooldownLimit.HourlyQuota, TimeSpan.FromMinutes(59) + TimeSpan.FromTicks(1)), (refused.Limit, refused.RetryAfter));
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
    public void ALowerQuotaAppliesToTheActionsAlreadyCounted()
    {
        var book = Book();
        for (var i = 0; i < 10; i++)
        {
            book.TryAct("alice", QuotaOnly);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = book.TryAct("alice", new CooldownRule(TimeSpan.Zero, 3));

        // Ten counted against three: the next window must be 70 % over (10 × 0.3 = 3) before a fourth fits, at 13:42.
        Assert.Equal((false, TimeSpan.FromMinutes(92) + TimeSpan.FromTicks(1)), (refused.Allowed, refused.RetryAfter));
    }

    [Fact]
    public void IdleKeysAreRemovedOnlyAfterTheMaxIdleTimeAndAFewPerAction()
    {
        var book = Book(idlePerAction: 2);
        for (var i = 0; i < 10; i++)
        {
            book.TryAct($"user{i}", Default);
        }

        // Idle once the last action is over an hour old and both windows (two hours from the first action) are over.
        _time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromTicks(1));
        book.TryAct("fresh", Default);
        Assert.Equal(11, book.Count);

        _time.Advance(TimeSpan.FromTicks(1));
        for (var action = 0; action < 100 && book.Count > 1; action++)
        {
            var before = book.Count;
            book.TryAct("fresh", Default);
            Assert.InRange(before - book.Count, 0, 2);
        }

        Assert.Equal(1, book.Count);
        Assert.Equal(2, book.TryAct("fresh", new CooldownRule(TimeSpan.Zero, 20)).UsedLastHour);
    }

    [Fact]
    public void ASweepRemovesAtMostItsBoundAndSparesKeysThatActedSince()
    {
        var book = Book(idlePerAction: 0);
        for (var i = 0; i < 100; i++)
        {
            book.TryAct($"user{i}", QuotaOnly);
        }

        _time.Advance(TimeSpan.FromMinutes(90));
        book.TryAct("user0", QuotaOnly);
        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.InRange(book.RemoveIdle(40), 1, 40);
        var removed = 0;
        for (var sweep = 0; sweep < 100 && book.Count > 1; sweep++)
        {
            removed += book.RemoveIdle(1000);
        }

        // user0 is the one left, and still remembers its action of 30 minutes ago.
        Assert.Equal(1, book.Count);
        Assert.Equal(0, book.RemoveIdle(1000));
        Assert.Equal(2, book.TryAct("user0", QuotaOnly).UsedLastHour);
    }

    [Fact]
    public void AHundredThousandKeysCanBeAddedFoundAndAllRemovedOnceIdle()
    {
        var book = Book(idlePerAction: 0);
        var rule = new CooldownRule(TimeSpan.FromMinutes(1), 0);
        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(book.TryAct($"user:{i}", rule).Allowed);
        }

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.All(Enumerable.Range(0, 100_000).Where(i => i % 97 == 0), i => Assert.False(book.TryAct($"user:{i}", rule).Allowed));

        _time.Advance(TimeSpan.FromHours(2));
        var sweeps = 0;
        while (book.Count > 0 && sweeps++ < 10_000)
        {
            Assert.InRange(book.RemoveIdle(1000), 0, 1000);
        }

        Assert.Equal(0, book.Count);
        Assert.True(book.TryAct("user:5", rule).Allowed);
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
