namespace OrleansBots.Capacity;

/// <summary>
/// The capacity grain's sweep without the grain: it frees the leases that were not renewed in time and decides
/// which bots to call — silent ones, every restored one once, and lost ones (their lease expired) for
/// <see cref="LostBotWatch"/> — and how often. Calling a bot reactivates it elsewhere if its silo died; a bot
/// that no longer runs gives its slot back. Not thread-safe: the grain calls it.
/// </summary>
public sealed class CapacitySweeper(TimeSpan renewInterval)
{
    // A bot whose lease expired is called again for this long, so that a bot whose silo was declared dead
    // late still comes back on a survivor (it re-admits itself within the limits).
    public static readonly TimeSpan LostBotWatch = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, DateTimeOffset> _lastPing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lostSince = new(StringComparer.Ordinal);

    // Bots whose call has not returned yet (activating behind a busy database, or routed to a frozen silo): another
    // call would only queue behind it. Calling them again every retry made a restart's thousands of restored bots
    // pile calls up: 5,000 came back at 24-49 per second, with the bounded calls of CapacityGrain at 73 (docs/FAILOVER.md).
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);

    // Restored bots whose first call has not returned: their leases do not expire meanwhile. A restart calls its bots
    // a bounded number at a time, and on PostgreSQL 40,000 took minutes to come back: 36,298 leases expired while
    // their bots waited their turn, their slots were freed as zombies and the bots had to win them back.
    private readonly HashSet<string> _resuming = new(StringComparer.Ordinal);
    private bool _pingAllRestored;

    /// <summary>
    /// Sweeping is a pass over the in-memory table, cheap enough to do every second; it bounds how soon a bot whose
    /// silo was just declared dead is called back.
    /// </summary>
    public TimeSpan SweepEvery => Clamp(renewInterval / 2, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    /// <summary>
    /// A silent bot is called again this often: calls to a dead silo fail fast, and the first call after the silo
    /// is declared dead brings the bot back on a survivor.
    /// </summary>
    public TimeSpan PingRetry => Clamp(renewInterval, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));

    /// <summary>A bot is silent once its last renewal is this old: it missed one and may have lost its silo.</summary>
    public TimeSpan Silence => renewInterval * 1.5;

    /// <summary>The next sweep calls every lease's bot: after a restore they come back, or give their slot back.</summary>
    public void PingAllRestored() => _pingAllRestored = true;

    /// <summary>The bot was just admitted or released: it needs no call.</summary>
    public void Settled(string botId) => _lastPing.Remove(botId);

    /// <summary>The bot renewed: it is alive, so it is neither called nor watched as lost.</summary>
    public void Renewed(string botId)
    {
        _lastPing.Remove(botId);
        _lostSince.Remove(botId);
    }

    /// <summary>The bot answered a call: it is no longer lost.</summary>
    public void Answered(string botId) => _lostSince.Remove(botId);

    /// <summary>The call the last sweep asked for returned, answered or not: the bot may be called again.</summary>
    public void CallEnded(string botId)
    {
        _inFlight.Remove(botId);
        _resuming.Remove(botId);
    }

    /// <summary>
    /// Frees the expired leases and says which bots to call, unless <paramref name="siloStopping"/>: the bots of a silo
    /// that stops fall silent because they stop with it, not because they are lost. Freed then (a stop that saves
    /// 40,000 bots on PostgreSQL takes 20 s, a lease 30 s) they would be left out of the next start; called, they
    /// woke on the stopping silo, and every call failed with retries (260 log lines while stopping).
    /// </summary>
    public SweepResult Sweep(LeaseTable leases, DateTimeOffset now, bool siloStopping = false)
    {
        if (siloStopping)
        {
            return SweepResult.Nothing;
        }

        var expired = leases.RemoveExpired(now, _resuming);
        foreach (var lease in expired)
        {
            _lastPing.Remove(lease.BotId);
            _lostSince.TryAdd(lease.BotId, now);
        }

        var pingingRestored = _pingAllRestored;
        var silent = pingingRestored ? leases.Leases.ToList() : leases.Silent(now, Silence);
        _pingAllRestored = false;
        var toPing = new List<string>();
        foreach (var botId in silent.Select(l => l.BotId).Concat(_lostSince.Keys))
        {
            if ((_lastPing.TryGetValue(botId, out var pinged) && now - pinged < PingRetry) || _inFlight.Contains(botId))
            {
                continue;
            }

            _lastPing[botId] = now;
            _inFlight.Add(botId);
            toPing.Add(botId);
            if (pingingRestored)
            {
                _resuming.Add(botId);
            }
        }

        var givenUp = _lostSince.Where(pair => now - pair.Value > LostBotWatch).Select(pair => pair.Key).ToList();
        foreach (var botId in givenUp)
        {
            _lostSince.Remove(botId);
            _lastPing.Remove(botId);
        }

        return new SweepResult(expired, toPing, givenUp);
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;
}
