namespace OrleansBots.Users;

/// <summary>A user's own limits; null means the platform default applies.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.UserLimits")]
public sealed record UserLimits(
    [property: Id(0)] int? MaxBots,
    [property: Id(1)] int? MaxTradesPerDay);
