namespace OrleansBots.Bots;

/// <summary>A bot's running count of each kind of its history: the seq of its newest trade, signal and reply.</summary>
public readonly record struct HistoryCounts(long Trades, long Signals, long Replies);
