namespace OrleansBots.Benchmarks;

/// <summary>Waiting for a condition the system under measurement reaches by itself, every 50 ms, with a deadline.</summary>
public static class Poll
{
    /// <summary>Returns once <paramref name="done"/> holds; throws when it did not within <paramref name="within"/>.</summary>
    public static async Task Until(Func<Task<bool>> done, TimeSpan within, string what)
    {
        if (!await WithinAsync(done, within))
        {
            throw new TimeoutException($"Not reached within {within}: {what}");
        }
    }

    /// <summary>Whether <paramref name="done"/> held within <paramref name="within"/>.</summary>
    public static async Task<bool> WithinAsync(Func<Task<bool>> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
