namespace OrleansBots.Silo.Tests.Chaos;

/// <summary>
/// One bot as the harness saw it: each new last tick it read (with the bot's tick count and restarts then), and the most
/// trades it was ever shown.
/// </summary>
public sealed class WatchedBot(string botId, string apiKey, TimeSpan tickInterval)
{
    // Two ticks of a bot are at least its interval apart (its timer counts the period from the end of a tick, and a
    // bot that moves or resumes waits out the interval since its last tick); a little less is assumed, for clock jitter.
    private readonly TimeSpan _minimumGap = tickInterval * 0.95;
    private readonly List<Reading> _readings = [];
    private long _tradesSeen;

    public string BotId { get; } = botId;

    public string ApiKey { get; } = apiKey;

    public long TradesSeen => Interlocked.Read(ref _tradesSeen);

    /// <summary>The silo the bot ran on when last read.</summary>
    public string? Silo { get; private set; }

    public void Saw(DateTimeOffset? lastTickAt, long ticks, long restarts, long tradesTotal, string? silo)
    {
        lock (_readings)
        {
            Silo = silo;
            if (lastTickAt is { } tick && (_readings.Count == 0 || tick > _readings[^1].TickAt))
            {
                _readings.Add(new Reading(tick, ticks, restarts, silo));
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
        lock (_readings)
        {
            var last = _readings.FindLastIndex(r => r.TickAt <= at);
            return last < 0 ? null : _readings[last].Silo;
        }
    }

    /// <summary>False while the bot ticked before <paramref name="at"/> and was not seen ticking since.</summary>
    public bool SeenBackAfter(DateTimeOffset at)
    {
        var readings = Readings();
        return !readings.Any(r => r.TickAt <= at) || readings.Any(r => r.TickAt > at);
    }

    /// <summary>
    /// How long after <paramref name="at"/> the bot was first seen ticking, if it was running before: the first tick read
    /// after it, late by up to the polling period and by however long the reading itself waited. Null when it was not
    /// running then.
    /// </summary>
    public TimeSpan? SeenAfter(DateTimeOffset at, DateTimeOffset end)
    {
        var (before, after) = Around(at);
        return before is null ? null : (after?.TickAt ?? end) - at;
    }

    /// <summary>
    /// How long after <paramref name="at"/> the bot ticked again, at most, if it was running before. Its tick count
    /// tightens <see cref="SeenAfter"/> when the reading came late: of the ticks it made between the readings on either
    /// side of <paramref name="at"/>, no more than one per interval fell before <paramref name="at"/>, so the others came
    /// after it, the last of them at the later reading and each at least an interval after the one before. Only when
    /// the bot did not resume from storage in between (its restarts unchanged), since a resumed bot counts from its
    /// last save.
    /// </summary>
    public TimeSpan? BackAfter(DateTimeOffset at, DateTimeOffset end)
    {
        var (before, after) = Around(at);
        if (before is null)
        {
            return null;
        }

        if (after is null)
        {
            return end - at;
        }

        var seen = after.TickAt - at;
        if (after.Restarts != before.Restarts || after.Ticks <= before.Ticks)
        {
            return seen;
        }

        var mostBefore = (long)Math.Floor((at - before.TickAt) / _minimumGap);
        var leastAfter = after.Ticks - before.Ticks - mostBefore;
        if (leastAfter < 2)
        {
            return seen;
        }

        var firstAfter = after.TickAt - (_minimumGap * (leastAfter - 1));
        return firstAfter <= at ? TimeSpan.Zero : firstAfter - at;
    }

    private (Reading? Before, Reading? After) Around(DateTimeOffset at)
    {
        var readings = Readings();
        return (readings.LastOrDefault(r => r.TickAt <= at), readings.FirstOrDefault(r => r.TickAt > at));
    }

    private List<Reading> Readings()
    {
        lock (_readings)
        {
            return [.. _readings];
        }
    }

    private sealed record Reading(DateTimeOffset TickAt, long Ticks, long Restarts, string? Silo);
}
