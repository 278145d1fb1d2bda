namespace OrleansBots.Bots;

/// <summary>A bot's recent output (trades, signals, replies) is kept oldest first and bounded, so its state stays small.</summary>
public static class RecentList
{
    public static void Append<T>(List<T> items, T item, int kept)
    {
        items.Add(item);
        if (items.Count > kept)
        {
            items.RemoveRange(0, items.Count - kept);
        }
    }

    /// <summary>The most recent <paramref name="limit"/> items, newest first.</summary>
    public static IReadOnlyList<T> Latest<T>(List<T> items, int limit) => items.AsEnumerable().Reverse().Take(limit).ToList();
}
