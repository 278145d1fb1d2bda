namespace OrleansBots.Bots;

/// <summary>
/// One page of a bot's history (trades, signals or chat replies), newest first. <see cref="Before"/> continues to the
/// older items (pass it as <c>before</c>); null when there are none.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.HistoryPage`1")]
public sealed record HistoryPage<T>([property: Id(0)] IReadOnlyList<T> Items, [property: Id(1)] long? Before);
