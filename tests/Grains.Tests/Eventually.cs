namespace OrleansBots.Tests;

/// <summary>Polls a condition that the system reaches by itself (timers, leases), with a deadline.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within {within}: {what} (last value: {value})");
            }

            await Task.Delay(100);
        }
    }
}
