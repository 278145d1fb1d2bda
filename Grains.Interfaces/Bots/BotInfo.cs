namespace OrleansBots.Bots;

/// <summary>A bot as its owner sees it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.BotInfo")]
public sealed record BotInfo(
    [property: Id(0)] string BotId,
    [property: Id(1)] string UserId,
    [property: Id(2)] BotDefinition Definition,
    [property: Id(3)] BotStatus Status,
    [property: Id(4)] string? FailureReason,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? StartedAt,
    [property: Id(7)] long Ticks,
    [property: Id(8)] DateTimeOffset? LastTickAt,
    [property: Id(9)] long TradesTotal,
    [property: Id(10)] long Restarts,
    [property: Id(11)] string? Silo);
