namespace OrleansBots.Tests;

/// <summary>For tests against per-minute budgets on the real clock: their requests must share one minute.</summary>
public static class FreshMinute
{
    /// <summary>Waits for the next minute when the current one ends within 10 s.</summary>
    public static async Task WaitAsync()
    {
        var now = DateTimeOffset.UtcNow;
        if (now.Second >= 50)
        {
            await Task.Delay(TimeSpan.FromSeconds(60 - now.Second) - TimeSpan.FromMilliseconds(now.Millisecond) + TimeSpan.FromMilliseconds(100));
        }
    }
}
