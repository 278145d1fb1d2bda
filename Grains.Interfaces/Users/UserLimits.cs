namespace OrleansBots.Users;

/// <summary>A user's own limits; null means the platform default applies.</summary>
/// <param name="MaxBots">Running bots (admitted by the capacity grain).</param>
/// <param name="MaxTradesPerDay">Trades per UTC day.</param>
/// <param name="MaxOwnedBots">Bots owned, running or not (<c>Users:MaxOwnedBots</c> by default).</param>
[GenerateSerializer, Immutable, Alias("OrleansBots.UserLimits")]
public sealed record UserLimits(
    [property: Id(0)] int? MaxBots,
    [property: Id(1)] int? MaxTradesPerDay,
    [property: Id(2)] int? MaxOwnedBots = null);
