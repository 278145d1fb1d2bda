namespace OrleansBots.Chat;

/// <summary>
/// How long to wait before connecting again: <c>first</c>, doubled after each failed attempt, at most <c>max</c>,
/// each wait stretched or shrunk at random by up to <c>jitter</c> (so that many connections dropped at once do not
/// come back in step). A connection that stayed up for <c>healthyAfter</c> starts the sequence again. Not thread-safe.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan first, TimeSpan max, double jitter, TimeSpan healthyAfter, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;
    private int _attempts;

    public int Attempts => _attempts;

    /// <summary>The wait before the next attempt, after a connection that lasted <paramref name="lasted"/> (zero: it never came up).</summary>
    public TimeSpan Next(TimeSpan lasted)
    {
        if (lasted >= healthyAfter)
        {
            _attempts = 0;
        }

        var doublings = Math.Min(_attempts, 30);
        _attempts++;
        var plain = Math.Min(first.Ticks * Math.Pow(2, doublings), max.Ticks);
        var jittered = plain * (1 + jitter * (2 * _random() - 1));
        return TimeSpan.FromTicks((long)Math.Clamp(jittered, 0, max.Ticks));
    }
}
