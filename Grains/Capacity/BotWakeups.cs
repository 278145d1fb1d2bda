namespace OrleansBots.Capacity;

/// <summary>
/// Which bots the capacity grain is calling back after a failover, and how it keeps trying: a call routed to a
/// silo that is gone or stopping fails fast until the cluster has caught up, so it is repeated every
/// <see cref="FirstRetry"/> for the first <see cref="QuickRetries"/> attempts (a graceful handover takes about that
/// long), then doubling up to <see cref="MaxRetry"/>, and given up after <see cref="GiveUpAfter"/>, when the lease
/// sweep takes over. One call chain per bot at a time, one call in flight: a call to a frozen silo fails once that silo is declared dead, and a bot that is slow to activate (storage under load) is not sent more calls to queue. Not thread-safe: the grain calls it.
/// </summary>
public sealed class BotWakeups
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    public const int QuickRetries = 15;
    public static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    private readonly HashSet<string> _calling = new(StringComparer.Ordinal);
    private long _membershipVersion = -1;

    public int Calling => _calling.Count;

    /// <summary>True when a call chain for the bot should start: none runs for it yet.</summary>
    public bool TryBegin(string botId) => _calling.Add(botId);

    public void End(string botId) => _calling.Remove(botId);

    /// <summary>True once per membership version: every silo reports the same change.</summary>
    public bool IsNewMembership(long version)
    {
        if (version <= _membershipVersion)
        {
            return false;
        }

        _membershipVersion = version;
        return true;
    }

    /// <summary>The pause before attempt <paramref name="attempt"/> + 1.</summary>
    public static TimeSpan RetryAfter(int attempt) => attempt < QuickRetries
        ? FirstRetry
        : TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, FirstRetry.Ticks << Math.Min(attempt - QuickRetries + 1, 16)));

    public static bool GivesUp(TimeSpan calledFor) => calledFor >= GiveUpAfter;
}
