using OrleansBots.Users;

namespace OrleansBots.Quotas;

/// <summary>
/// A sliding one-minute window of signal times: at most <c>limit</c> in any 60 seconds. Kept in memory
/// only; losing it on a restart only forgives a minute of spam.
/// </summary>
public sealed class SignalWindow
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Queue<DateTimeOffset> _times = new();

    public int CountAt(DateTimeOffset now)
    {
        while (_times.TryPeek(out var oldest) && now - oldest >= Window)
        {
            _times.Dequeue();
        }

        return _times.Count;
    }

    public SignalQuotaAnswer TryAdd(int limit, DateTimeOffset now)
    {
        var used = CountAt(now);
        if (used >= limit)
        {
            var retryAfter = _times.Peek() + Window - now;
            return new SignalQuotaAnswer(false, used, limit, retryAfter);
        }

        _times.Enqueue(now);
        return new SignalQuotaAnswer(true, used + 1, limit, TimeSpan.Zero);
    }
}
