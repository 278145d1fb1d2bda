namespace OrleansBots.Users;

/// <summary>Bound from the <c>Users</c> configuration section.</summary>
public sealed class UserOptions
{
    public const string Section = "Users";

    /// <summary>Bots a user may own (created and not deleted, running or not); a user's own <c>max_owned_bots</c> overrides it.</summary>
    public int MaxOwnedBots { get; set; } = 100;

    /// <summary>
    /// Whether a counted trade waits for the user's trade count to be written before the bot makes it, so that a crash
    /// never forgets a trade made. Unset: yes on PostgreSQL; no in memory, where the count dies with the silo as the
    /// user's grain does: the count is then written <see cref="TradeCountWriteDelay"/> after a trade (the trades counted
    /// meanwhile share the write) and when the user's activation ends. At 100,000 bots trading throughout, a write per
    /// trade kept each trade's objects alive across a storage call, and the writes were about a fifth of what the silo
    /// allocated (docs/BENCHMARKS.md section 7, round 11).
    /// </summary>
    public bool? WriteEachTrade { get; set; }

    /// <summary>Without <see cref="WriteEachTrade"/>: how long after a trade the user's trade count is written.</summary>
    public TimeSpan TradeCountWriteDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a user's first trade waits for the user's other bots on the silo before their trades are counted in one
    /// call (<see cref="TradeCountBatches"/>); zero asks at once. When a price crosses, a user's bots trade within a
    /// second or two: in memory a call is answered within microseconds, so without this wait nearly every trade was a
    /// call of its own, and the calls were a fifth of what the silo allocated while 100,000 bots traded.
    /// </summary>
    public TimeSpan TradeCountGathering { get; set; } = TimeSpan.FromMilliseconds(25);
}
