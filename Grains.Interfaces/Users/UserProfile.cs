namespace OrleansBots.Users;

/// <summary>A user as an operator sees it; never carries the API key or its hash.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] string UserId,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] int? MaxBots,
    [property: Id(3)] int? MaxTradesPerDay,
    [property: Id(4)] IReadOnlyList<string> BotIds,
    [property: Id(5)] int TradesToday);
