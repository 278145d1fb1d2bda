namespace OrleansBots.Silo.Tests.Chaos;

/// <summary>One bot as the harness saw it: each new last tick it read, and the most trades it was ever shown.</summary>
public sealed class WatchedBot(string botId, string apiKey)
{
    private readonly List<DateTimeOffset> _ticks = [];

    // The silo each new tick was read from, beside _ticks.
    private readonly List<string?> _tickSilos = [];
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
                _tickSilos.Add(silo);
            }

            if (tradesTotal > _tradesSeen)
            {
                Interlocked.Exchange(ref _tradesSeen, tradesTotal);
            }
        }
    }

    /// <summary>The silo the bot ran on at its last tick seen at or before <paramref name="at"/> ("S127.0.0.1:PORT:GEN"), if any.</summary>
    public string? SiloAt(DateTimeOffset at)
    {
        lock (_ticks)
        {
            var last = _ticks.FindLastIndex(t => t <= at);
            return last < 0 ? null : _tickSilos[last];
        }
    }

    /// <summary>False while the bot ticked before <paramref name="at"/> and was not seen ticking since.</summary>
    public bool SeenBackAfter(DateTimeOffset at)
    {
        var ticks = Ticks;
        return !ticks.Any(t => t <= at) || ticks.Any(t => t > at);
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
