namespace OrleansBots.Chat;

/// <summary>
/// The failure state of one model endpoint: after a failure (5xx, timeout, no connection, malformed answer) it is left
/// alone for the retry delay (5 s), doubled with each failure in a row, at most the maximum (300 s); after that a
/// health probe must pass before a question goes there again. A 429 or a 503 "loading model" is no failure: the
/// endpoint is busy, and is left alone for its <c>Retry-After</c> (capped at the maximum) without doubling anything.
/// Thread-safe: the chat bots of a silo share it.
/// </summary>
public sealed class EndpointHealth(TimeSpan retryDelay, TimeSpan maxRetryDelay)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private int _failures;

    public int FailuresInARow
    {
        get
        {
            lock (_gate)
            {
                return _failures;
            }
        }
    }

    /// <summary>When the endpoint may be tried again (in the past when it may now).</summary>
    public DateTimeOffset RetryAt
    {
        get
        {
            lock (_gate)
            {
                return _retryAt;
            }
        }
    }

    /// <summary>Whether a question may go to the endpoint now; <paramref name="needsProbe"/>: only after a passing health probe.</summary>
    public bool MayTry(DateTimeOffset now, out bool needsProbe)
    {
        lock (_gate)
        {
            needsProbe = _failures > 0;
            return now >= _retryAt;
        }
    }

    public void Succeeded()
    {
        lock (_gate)
        {
            _failures = 0;
            _retryAt = DateTimeOffset.MinValue;
        }
    }

    /// <summary>A failure: left alone for the retry delay × 2^(failures in a row − 1), at most the maximum. Returns that wait.</summary>
    public TimeSpan Failed(DateTimeOffset now)
    {
        lock (_gate)
        {
            _failures++;
            var wait = TimeSpan.FromTicks((long)Math.Min(retryDelay.Ticks * Math.Pow(2, Math.Min(_failures - 1, 30)), maxRetryDelay.Ticks));
            _retryAt = now + wait;
            return wait;
        }
    }

    /// <summary>Busy (429, 503 loading): left alone for <paramref name="retryAfter"/> (the retry delay when the server sent none), at most the maximum.</summary>
    public void Busy(DateTimeOffset now, TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            var wait = retryAfter is { } told && told > TimeSpan.Zero ? told : retryDelay;
            var until = now + (wait < maxRetryDelay ? wait : maxRetryDelay);
            if (until > _retryAt)
            {
                _retryAt = until;
            }
        }
    }
}
