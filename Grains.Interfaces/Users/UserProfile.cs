namespace OrleansBots.Users;

/// <summary>A user as an operator sees it; never carries the API key or its hash.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] string UserId,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] int? MaxBots,
    [property: Id(3)] int? MaxTradesPerDay,
    [property: Id(4)] IReadOnlyList<string> BotIds,
    [property: Id(5)] int TradesToday)
{
    /// <summary>A disabled user's keys are refused and their bots are stopped; an operator can enable them again.</summary>
    [Id(6)] public bool Disabled { get; init; }

    /// <summary>The user's own cap on bots owned; null means <c>Users:MaxOwnedBots</c>.</summary>
    [Id(7)] public int? MaxOwnedBots { get; init; }

    /// <summary>True once the key was revoked and no new one was issued.</summary>
    [Id(8)] public bool KeyRevoked { get; init; }
}
