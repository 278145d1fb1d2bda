namespace OrleansBots.Bots;

[GenerateSerializer, Alias("OrleansBots.BotState")]
public sealed class BotState
{
    [Id(0)] public string? UserId { get; set; }

    [Id(1)] public BotDefinition? Definition { get; set; }

    [Id(2)] public BotStatus Status { get; set; }

    [Id(3)] public string? FailureReason { get; set; }

    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    [Id(5)] public DateTimeOffset? StartedAt { get; set; }

    [Id(6)] public long Ticks { get; set; }

    [Id(7)] public DateTimeOffset? LastTickAt { get; set; }

    [Id(8)] public long TradesTotal { get; set; }

    /// <summary>Trades as states stored them before the history store (<see cref="IBotHistory"/>): moved there on activation.</summary>
    [Id(9)] public List<Trade> Trades { get; set; } = [];

    /// <summary>Signals as states stored them before the history store: moved there on activation.</summary>
    [Id(10)] public List<Signal> Signals { get; set; } = [];

    [Id(11)] public Dictionary<string, SymbolBook> Books { get; set; } = [];

    /// <summary>How often the bot was brought back after a restart or a silo crash.</summary>
    [Id(12)] public long Restarts { get; set; }

    [Id(13)] public bool Deleted { get; set; }

    /// <summary>Chat replies as states stored them before the history store: moved there on activation.</summary>
    [Id(14)] public List<ChatReply> Replies { get; set; } = [];

    /// <summary>Signals made so far: the number of the next one, in the history store.</summary>
    [Id(15)] public long SignalsTotal { get; set; }

    /// <summary>Chat replies made so far: the number of the next one, in the history store.</summary>
    [Id(16)] public long RepliesTotal { get; set; }

    /// <summary>Whether the state still holds history from before the history store.</summary>
    public bool HoldsHistory => Trades.Count > 0 || Signals.Count > 0 || Replies.Count > 0;

    /// <summary>Its running counts of trades, signals and replies.</summary>
    public HistoryCounts Counts => new(TradesTotal, SignalsTotal, RepliesTotal);

    /// <summary>
    /// Takes in what its history holds beyond its counts: a crash took the save that would have counted it, not the
    /// items. The counts go on from the newest stored item and each symbol's position is its last trade's side.
    /// </summary>
    public void CatchUp(HistorySince since)
    {
        (TradesTotal, SignalsTotal, RepliesTotal) =
            (Math.Max(TradesTotal, since.Counts.Trades), Math.Max(SignalsTotal, since.Counts.Signals), Math.Max(RepliesTotal, since.Counts.Replies));
        foreach (var trade in since.Trades)
        {
            if (!Books.TryGetValue(trade.Symbol, out var book))
            {
                book = new SymbolBook();
                Books[trade.Symbol] = book;
            }

            book.Holding = trade.Side == TradeSide.Buy;
        }
    }

    public static BotState Created(string userId, BotDefinition definition, DateTimeOffset now) =>
        new() { UserId = userId, Definition = definition, Status = BotStatus.Created, CreatedAt = now };

    /// <summary>It runs from <paramref name="now"/> on; an earlier failure's reason is gone.</summary>
    public void Started(DateTimeOffset now)
    {
        Status = BotStatus.Running;
        StartedAt = now;
        FailureReason = null;
    }

    public void Failed(string reason)
    {
        Status = BotStatus.Failed;
        FailureReason = reason;
    }

    /// <summary>The bot as its owner sees it; <paramref name="silo"/> is where it runs, if it does.</summary>
    public BotInfo ToInfo(string botId, string? silo) =>
        new(botId, UserId!, Definition!, Status, FailureReason, CreatedAt, StartedAt, Ticks, LastTickAt, TradesTotal, Restarts, silo);
}
