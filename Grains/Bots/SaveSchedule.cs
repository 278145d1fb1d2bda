namespace OrleansBots.Bots;

/// <summary>
/// When a running bot's tick saves its state: after a trade until a save succeeds, while history waits for its store,
/// and otherwise once every <see cref="BotOptions.SaveInterval"/>. A routine save that failed is tried again an interval
/// after the attempt, not on the next tick: when the store falls behind (a silo short of CPU, a paused process), every
/// bot retrying on every tick asked it for several times the saves it was already failing to keep up with, and the
/// silo never recovered. Not thread-safe: the bot uses it under its <see cref="TickLatch"/>.
/// </summary>
public sealed class SaveSchedule(TimeSpan interval)
{
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;
    private bool _owed;

    /// <summary>When the last save started (one that failed included); a migrating bot takes it along.</summary>
    public DateTimeOffset LastAttempt => _lastAttempt;

    /// <summary>Whether this tick saves; a trade makes every tick save until a save succeeded.</summary>
    public bool IsDue(DateTimeOffset now, bool traded, bool historyWaiting)
    {
        _owed |= traded;
        return _owed || historyWaiting || now - _lastAttempt >= interval;
    }

    /// <summary>A save starts: the next routine one is an interval away, whether this one succeeds or not.</summary>
    public void Attempting(DateTimeOffset now) => _lastAttempt = now;

    /// <summary>The state is saved (by a tick or by anything else the bot did).</summary>
    public void Saved(DateTimeOffset now)
    {
        _owed = false;
        _lastAttempt = now;
    }
}
