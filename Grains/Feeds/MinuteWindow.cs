namespace OrleansBots.Feeds;

/// <summary>
/// Counts events of the last minute in 60 one-second buckets: the feed's items per minute (for lag) and its processed
/// items (for <c>MAX_TOKENS_PER_MINUTE</c>). Memory is fixed whatever the rate. Not thread-safe.
/// </summary>
public sealed class MinuteWindow(TimeProvider time)
{
    private const int Buckets = 60;

    private readonly int[] _counts = new int[Buckets];
    private long _second = long.MinValue;
    private int _total;

    /// <summary>Events in the last 60 seconds (this second included).</summary>
    public int Count
    {
        get
        {
            Roll();
            return _total;
        }
    }

    public void Add()
    {
        Roll();
        _counts[_second % Buckets]++;
        _total++;
    }

    /// <summary>Adds one event when fewer than <paramref name="cap"/> happened in the last minute; returns whether it did.</summary>
    public bool TryAdd(int cap)
    {
        Roll();
        if (_total >= cap)
        {
            return false;
        }

        _counts[_second % Buckets]++;
        _total++;
        return true;
    }

    /// <summary>Empties the buckets of the seconds that passed since the last call.</summary>
    private void Roll()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (_second == long.MinValue)
        {
            _second = now;
            return;
        }

        for (var second = _second + 1; second <= now && second <= _second + Buckets; second++)
        {
            _total -= _counts[second % Buckets];
            _counts[second % Buckets] = 0;
        }

        _second = Math.Max(_second, now);
    }
}
