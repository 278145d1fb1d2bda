namespace OrleansBots.Events;

/// <summary>Bound from the <c>Events</c> configuration section.</summary>
public sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>Events a bot's log keeps for readers that resume with <c>Last-Event-ID</c>.</summary>
    public int HistoryPerBot { get; set; } = 100;

    /// <summary>
    /// The most all of a silo's event logs keep together (estimated); beyond it the silo's oldest kept events go first,
    /// whichever bot's they are (a resuming reader of that bot is told of the gap). Keeps memory flat at 100,000 bots.
    /// </summary>
    public int HistoryMegabytes { get; set; } = 64;

    /// <summary>
    /// A bot's log publishes its events on the bot's stream for this long after a reader asked (readers ask again every
    /// third of it while they stay), so unwatched bots cost no stream traffic and no pub-sub grain each.
    /// </summary>
    public TimeSpan WatchLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Events one live connection may have waiting; a reader that falls further behind is dropped.</summary>
    public int ConnectionBuffer { get; set; } = 256;

    /// <summary>Capacity changes are published at most this often (the latest one wins), so a burst of starts costs one event.</summary>
    public TimeSpan CapacityInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A comment line is sent this often on an idle connection, so proxies keep it open.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);
}
