namespace OrleansBots.Feeds;

/// <summary>
/// What one feed's connection did since its activation: connected now (and where), connections made, items
/// received, delivered to subscribers, dropped as duplicates, gaps seen, dropped over <c>MAX_TOKENS_PER_MINUTE</c>,
/// items in the last minute, the last item's time, and whether the feed lags (too few items per minute, or silent).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.FeedStats")]
public sealed record FeedStats(
    [property: Id(0)] bool Connected,
    [property: Id(1)] string? Silo,
    [property: Id(2)] int Connections,
    [property: Id(3)] long Received,
    [property: Id(4)] long Delivered,
    [property: Id(5)] long Duplicates,
    [property: Id(6)] long Gaps,
    [property: Id(7)] long DroppedOverCap,
    [property: Id(8)] int ItemsLastMinute,
    [property: Id(9)] DateTimeOffset? LastItemAt,
    [property: Id(10)] bool Lagging);
