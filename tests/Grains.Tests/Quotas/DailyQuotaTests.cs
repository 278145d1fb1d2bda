using OrleansBots.Quotas;
using OrleansBots.Users;

namespace OrleansBots.Tests.Quotas;

public sealed class DailyQuotaTests
{
    private static readonly DateTimeOffset Evening = new(2026, 11, 25, 23, 59, 59, TimeSpan.Zero);

    [Fact]
    public void RefusesTheUseAfterTheLimitWithinOneDay()
    {
        var quota = new DailyQuota(default, 0);

        for (var i = 0; i < 500; i++)
        {
            Assert.True(quota.TryUse(500, Evening));
        }

        Assert.False(quota.TryUse(500, Evening));
        Assert.Equal(500, quota.Used);
    }

    [Fact]
    public void CountsAsManyOfSeveralUsesAsTheLimitHasRoomFor()
    {
        var quota = new DailyQuota(default, 0);

        Assert.Equal(7, quota.TryUse(7, 10, Evening));
        Assert.Equal(3, quota.TryUse(7, 10, Evening));
        Assert.Equal(0, quota.TryUse(7, 10, Evening));
        Assert.Equal(10, quota.Used);
    }

    [Fact]
    public void CountsNoneWhenTheLimitWasLoweredBelowTheUsesMade()
    {
        var quota = new DailyQuota(DateOnly.FromDateTime(Evening.UtcDateTime), 8);

        Assert.Equal(0, quota.TryUse(3, 5, Evening));
        Assert.Equal(8, quota.Used);
        Assert.Equal(3, quota.TryUse(3, 5, Evening.AddSeconds(1)));
    }

    [Fact]
    public void StartsAgainAtMidnightUtc()
    {
        var quota = new DailyQuota(DateOnly.FromDateTime(Evening.UtcDateTime), 500);

        Assert.False(quota.TryUse(500, Evening));
        Assert.True(quota.TryUse(500, Evening.AddSeconds(1)));
        Assert.Equal(1, quota.Used);
    }

    [Fact]
    public void MidnightIsUtcWhateverTheCallersOffset()
    {
        var quota = new DailyQuota(new DateOnly(2026, 11, 25), 3);
        var sameUtcDayInTokyo = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.FromHours(9));

        Assert.Equal(3, quota.UsedOn(sameUtcDayInTokyo));
        Assert.Equal(0, quota.UsedOn(sameUtcDayInTokyo.AddHours(1)));
    }

    [Fact]
    public void NextResetIsTheComingMidnightUtc()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), DailyQuota.NextResetAfter(Evening));
    }
}
