namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>Polls a condition that the platform reaches by itself, with a deadline.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        Exception? lastError = null;
        T? last = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await read();
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or Client.OrleansBotsApiException)
            {
                lastError = error;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Not reached within {within}: {what} (last value: {last}; last error: {lastError?.Message})");
    }
}
