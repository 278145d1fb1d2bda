using OrleansBots.Chat;

namespace OrleansBots.Tests.Chat;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void FailedAttemptsDoubleTheWaitUpToTheCapAndAHealthyConnectionStartsOver()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), 0, TimeSpan.FromSeconds(30));

        var waits = Enumerable.Range(0, 6).Select(_ => backoff.Next(TimeSpan.Zero).TotalSeconds).ToList();
        var afterHealthy = backoff.Next(TimeSpan.FromMinutes(5));

        Assert.Equal([5, 10, 20, 40, 60, 60], waits);
        Assert.Equal(TimeSpan.FromSeconds(5), afterHealthy);
    }

    [Fact]
    public void JitterStaysWithinItsShareAndUnderTheCap()
    {
        var low = new ReconnectBackoff(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), 0.2, TimeSpan.FromSeconds(30), () => 0);
        var high = new ReconnectBackoff(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(45), 0.2, TimeSpan.FromSeconds(30), () => 0.999999);

        Assert.Equal(8, low.Next(TimeSpan.Zero).TotalSeconds, 3);
        Assert.Equal(45, high.Next(TimeSpan.Zero).TotalSeconds, 3);
    }
}
