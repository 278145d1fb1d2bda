namespace OrleansBots.Silo.Tests.Chaos;

/// <summary>One bot as the harness saw it: each new last tick it read, and the most trades it was ever shown.</summary>
public sealed class WatchedBot(string botId, string apiKey)
{
    private readonly List<DateTimeOffset> _ticks = [];
    private long _tradesSeen;

    public string BotId { get; } = botId;

    public string ApiKey { get; } = apiKey;

    public long TradesSeen => Interlocked.Read(ref _tradesSeen);

    /// <summary>The silo the bot ran on when last read.</summary>
    public string? Silo { get; private set; }

    public IReadOnlyList<DateTimeOffset> Ticks
    {
        get
        {
            lock (_ticks)
            {
                return [.. _ticks];
            }
        }
    }

    public void Saw(DateTimeOffset? lastTickAt, long tradesTotal, string? silo)
    {
        lock (_ticks)
        {
            Silo = silo;
            if (lastTickAt is { } tick && (_ticks.Count == 0 || tick > _ticks[^1]))
            {
                _ticks.Add(tick);
            }

            if (tradesTotal > _tradesSeen)
            {
                Interlocked.Exchange(ref _tradesSeen, tradesTotal);
            }
        }
    }

    /// <summary>
    /// How long after <paramref name="at"/> the bot was first seen ticking, if it was running before: an upper
    /// bound, late by at most the polling period. Null when it was not running then.
    /// </summary>
    public TimeSpan? BackAfter(DateTimeOffset at, DateTimeOffset end)
    {
        var ticks = Ticks;
        if (!ticks.Any(t => t <= at))
        {
            return null;
        }

        var next = ticks.FirstOrDefault(t => t > at);
        return next == default ? end - at : next - at;
    }
}
