namespace OrleansBots.Bots;

/// <summary>
/// What a bot's history holds beyond the counts of its saved state (<see cref="IBotHistory.ReadSinceAsync"/>): the
/// newest seq of each kind (the saved count where nothing is newer) and the trades made since, oldest first, whose
/// sides are the positions the state did not save.
/// </summary>
public sealed record HistorySince(HistoryCounts Counts, IReadOnlyList<Trade> Trades);
