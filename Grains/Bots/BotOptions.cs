namespace OrleansBots.Bots;

/// <summary>Bound from the <c>Bots</c> configuration section.</summary>
public sealed class BotOptions
{
    public const string Section = "Bots";

    /// <summary>Trades kept per bot (older ones drop off the bot's state).</summary>
    public int TradesKept { get; set; } = 500;

    public int SignalsKept { get; set; } = 200;

    /// <summary>
    /// Without PostgreSQL, the most the silo's history store holds, all bots together (estimated); beyond it the oldest
    /// items go first. A small installation keeps every bot's full lists; 100,000 trading bots keep their newest few.
    /// </summary>
    public int MemoryHistoryMegabytes { get; set; } = 64;

    /// <summary>
    /// A running bot with no trade saves its strategy state (price windows, tick count) at most this often; a trade is
    /// stored in the history at once (see <see cref="SaveEachTrade"/>), and every bot is saved when its silo stops. What a
    /// crash loses is at most this much of the windows, which the next ticks refill. At 100,000 bots, every 30 s was 3,300 saves a
    /// second: most of the silo's garbage and a capacity API p99 of 27 ms against 5 ms. Unset: 5 minutes on PostgreSQL;
    /// an hour in memory, where the saved state dies with the silo as the bot does: there the 330 saves a second of
    /// 100,000 bots each left a copy of a state to die in the oldest generation, and minutes with few trades had a capacity
    /// API p99 of 17–20 ms against 5 ms without them.
    /// </summary>
    public TimeSpan? SaveInterval { get; set; }

    /// <summary>The routine save interval in effect: <see cref="SaveInterval"/>, or 5 minutes when it is unset.</summary>
    public TimeSpan RoutineSaveInterval => SaveInterval ?? TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether a trade saves the bot's state at once (before its events reach readers). Off by default: the trade goes to
    /// the history store at once (before readers see it) and the state that counts it waits for the routine save or the
    /// stop; a bot that resumes after a crash catches up with the trades, signals and replies its saved state does not
    /// count yet (<see cref="IBotHistory.ReadSinceAsync"/>): their counts and each symbol's position. On PostgreSQL a save
    /// per trade held every trade for a state write and a whole state's bytes: at 100,000 trading bots a capacity API
    /// p99 of 62 ms. What a crash loses either way is at most a save interval of price windows and ticks.
    /// </summary>
    public bool SaveEachTrade { get; set; }

    /// <summary>After this many failed ticks in a row the bot stops as failed and frees its slot.</summary>
    public int MaxConsecutiveTickFailures { get; set; } = 5;

    /// <summary>The shortest tick interval a user may ask for.</summary>
    public double MinTickSeconds { get; set; } = 1;

    /// <summary>
    /// A bot's activation that received no call for this long is collected by Orleans (its state is saved; the next
    /// call reads it back). Only stopped, failed and created bots are ever idle: a running bot is never collected, however
    /// long its tick interval (it asks the runtime to keep it while it runs).
    /// </summary>
    public TimeSpan IdleCollectionAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A tick falls due on a multiple of this, rounded up from one interval after the last (zero, the default: exactly
    /// one interval after), so that bots' ticks line up. Made for Orleans' timer queue, which looked at every timer due
    /// soon each time it fired (9.6 % of the silo's CPU at 100,000 bots with each bot due in a millisecond of its own);
    /// the silo's <see cref="TickDriver"/> takes every due tick in one pass every 10 ms, so a grid now only delays ticks.
    /// </summary>
    public TimeSpan TickGrid { get; set; } = TimeSpan.Zero;
}
