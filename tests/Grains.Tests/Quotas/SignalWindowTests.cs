using OrleansBots.Quotas;
using OrleansBots.Users;

namespace OrleansBots.Tests.Quotas;

public sealed class SignalWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RefusesTheSignalOverTheLimitWithinOneMinuteAndSaysWhenToRetry()
    {
        var window = new SignalWindow();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(window.TryAdd(3, Start.AddSeconds(i * 10)).Allowed);
        }

        var refused = window.TryAdd(3, Start.AddSeconds(30));

        Assert.False(refused.Allowed);
        Assert.Equal((3, 3), (refused.UsedLastMinute, refused.Limit));
        Assert.Equal(TimeSpan.FromSeconds(30), refused.RetryAfter);
    }

    [Fact]
    public void ASignalLeavesTheWindowSixtySecondsLater()
    {
        var window = new SignalWindow();
        window.TryAdd(1, Start);

        Assert.False(window.TryAdd(1, Start.AddSeconds(59.9)).Allowed);
        Assert.True(window.TryAdd(1, Start.AddSeconds(60)).Allowed);
        Assert.Equal(1, window.CountAt(Start.AddSeconds(61)));
    }
}
