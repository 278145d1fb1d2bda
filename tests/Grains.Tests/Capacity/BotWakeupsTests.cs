using OrleansBots.Capacity;

namespace OrleansBots.Tests.Capacity;

public sealed class BotWakeupsTests
{
    [Fact]
    public void OneCallChainRunsPerBotUntilItEnds()
    {
        var wakeups = new BotWakeups();

        Assert.True(wakeups.TryBegin("b1"));
        Assert.False(wakeups.TryBegin("b1"));
        Assert.True(wakeups.TryBegin("b2"));
        wakeups.End("b1");

        Assert.True(wakeups.TryBegin("b1"));
        Assert.Equal(2, wakeups.Calling);
    }

    [Fact]
    public void EachMembershipVersionIsActedOnOnceHoweverManySilosReportIt()
    {
        var wakeups = new BotWakeups();

        Assert.True(wakeups.IsNewMembership(7));
        Assert.False(wakeups.IsNewMembership(7));
        Assert.False(wakeups.IsNewMembership(6));
        Assert.True(wakeups.IsNewMembership(8));
    }

    [Fact]
    public void RetriesComeEveryTenthOfASecondForFifteenAttemptsThenDoubleUpToTwoSecondsAndStopAfterAMinute()
    {
        Assert.All(Enumerable.Range(0, 15), a => Assert.Equal(TimeSpan.FromMilliseconds(100), BotWakeups.RetryAfter(a)));
        Assert.Equal(
            new[] { 200, 400, 800, 1600, 2000, 2000 },
            Enumerable.Range(15, 6).Select(a => (int)BotWakeups.RetryAfter(a).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(2), BotWakeups.RetryAfter(100));
        Assert.False(BotWakeups.GivesUp(TimeSpan.FromSeconds(59)));
        Assert.True(BotWakeups.GivesUp(TimeSpan.FromSeconds(60)));
    }
}
