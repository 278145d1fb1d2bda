namespace OrleansBots.Bots;

/// <summary>A page of a user's bots in bot id order; <see cref="ContinueAfter"/> (the last id) asks for the next page, null on the last.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.BotListPage")]
public sealed record BotListPage([property: Id(0)] IReadOnlyList<BotInfo> Bots, [property: Id(1)] string? ContinueAfter);
