namespace OrleansBots.Bots;

/// <summary>
/// Where bots' trades, signals and chat replies live, outside the bots' grains: read on demand, one page at a time.
/// Each item has its bot's running number of its kind (<c>seq</c>); storing one number twice keeps the first, so
/// a retried save never stores an item twice. Thread-safe; one per silo.
/// </summary>
public interface IBotHistory
{
    /// <summary>
    /// Stores the items, of any kinds, in one go; completes once they are durable (as durable as the store is). The
    /// store reads only the items there when it is called, and is done with <paramref name="items"/> when the task
    /// completes: the caller may add to the list meanwhile, and remove what was written then.
    /// </summary>
    Task AppendAsync(string botId, IReadOnlyList<HistoryItem> items);

    /// <summary>Up to <paramref name="limit"/> items of the kind, newest first, older than <paramref name="before"/> (a seq) when given.</summary>
    Task<HistoryPage<T>> ReadAsync<T>(string botId, HistoryKind kind, int limit, long? before);

    /// <summary>
    /// What the store holds of the bot beyond <paramref name="saved"/> (its saved state's counts): a bot that does not
    /// save its state per trade catches up with it when it resumes, so that a crash after a trade neither takes the
    /// trade's position back nor has the next trade reuse its seq (which the store would drop as a retry).
    /// </summary>
    Task<HistorySince> ReadSinceAsync(string botId, HistoryCounts saved);

    /// <summary>Removes a deleted bot's history.</summary>
    Task DeleteAsync(string botId);
}
