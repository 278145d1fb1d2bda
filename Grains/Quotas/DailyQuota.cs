using OrleansBots.Users;

namespace OrleansBots.Quotas;

/// <summary>A count that starts again at 00:00 UTC each day; the trades-today quota of a user.</summary>
public sealed class DailyQuota(DateOnly day, int used)
{
    public DateOnly Day { get; private set; } = day;

    public int Used { get; private set; } = used;

    public static DateTimeOffset NextResetAfter(DateTimeOffset now) =>
        new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);

    /// <summary>The count for the day of <paramref name="now"/>, zero once a new UTC day has begun.</summary>
    public int UsedOn(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) == Day ? Used : 0;

    /// <summary>Counts one use if it stays within <paramref name="limit"/> today.</summary>
    public bool TryUse(int limit, DateTimeOffset now) => TryUse(1, limit, now) == 1;

    /// <summary>Counts as many of <paramref name="count"/> uses as stay within <paramref name="limit"/> today; returns how many.</summary>
    public int TryUse(int count, int limit, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today != Day)
        {
            Day = today;
            Used = 0;
        }

        var used = Math.Clamp(limit - Used, 0, count);
        Used += used;
        return used;
    }
}
