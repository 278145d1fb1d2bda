using System.Globalization;

namespace OrleansBots.Feeds;

/// <summary>The length of a Binance kline interval (<c>1m</c>, <c>4h</c>, <c>1d</c>, <c>1w</c>; <c>1M</c> taken as 31 days, the longest month, so a month is never a gap).</summary>
public static class KlineIntervals
{
    public static TimeSpan Length(string interval)
    {
        var count = int.Parse(interval[..^1], NumberStyles.None, CultureInfo.InvariantCulture);
        return interval[^1] switch
        {
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            'w' => TimeSpan.FromDays(7 * count),
            'M' => TimeSpan.FromDays(31 * count),
            _ => throw new ArgumentException($"'{interval}' is not a kline interval", nameof(interval)),
        };
    }
}
