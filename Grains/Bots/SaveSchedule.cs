namespace OrleansBots.Bots;

/// <summary>
/// When a running bot's tick saves its state: after a trade until a save succeeds, while history waits for its store,
/// and otherwise once every <see cref="BotOptions.SaveInterval"/> or sooner: each wait is drawn between half the
/// interval and the whole, so bots started together (thousands a second) do not all save together an interval later
/// and every interval after. A routine save that failed is tried again a wait after the attempt, not on the next tick:
/// when the store falls behind (a silo short of CPU, a paused process), every bot retrying on every tick asked it for
/// several times the saves it was already failing to keep up with, and the silo never recovered. Not thread-safe: the
/// bot uses it under its <see cref="TickLatch"/>.
/// </summary>
public sealed class SaveSchedule(TimeSpan interval, Random random)
{
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;
    private TimeSpan _wait;
    private bool _owed;

    /// <summary>When the last save started (one that failed included); a migrating bot takes it along.</summary>
    public DateTimeOffset LastAttempt => _lastAttempt;

    /// <summary>Whether this tick saves; a trade makes every tick save until a save succeeded.</summary>
    public bool IsDue(DateTimeOffset now, bool traded, bool historyWaiting)
    {
        _owed |= traded;
        return _owed || historyWaiting || now - _lastAttempt >= _wait;
    }

    /// <summary>A save starts: the next routine one is a wait away, whether this one succeeds or not.</summary>
    public void Attempting(DateTimeOffset now) => Restart(now);

    /// <summary>The state is saved (by a tick or by anything else the bot did).</summary>
    public void Saved(DateTimeOffset now)
    {
        _owed = false;
        Restart(now);
    }

    private void Restart(DateTimeOffset now)
    {
        _lastAttempt = now;
        _wait = interval * (1 - random.NextDouble() / 2);
    }
}
