namespace OrleansBots.Tests;

/// <summary>Egress budgets count per fixed clock minute; tests of a minute's budget start early in one.</summary>
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

    /// <summary>How many clock minutes [from, to] touches: a burst slowed past a minute's end may use the next one's budget too.</summary>
    public static int Spanned(DateTimeOffset from, DateTimeOffset to) =>
        (int)((to - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMinute - (from - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMinute) + 1;
}
