namespace OrleansBots.Bots;

/// <summary>
/// A bot as its owner asked for it (the create request's fields, each optional), not yet checked: the silo turns it into
/// a <see cref="BotDefinition"/> or refuses it naming the field (<see cref="IUserBotsGrain.Create"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.BotDraft")]
public sealed record BotDraft(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Kind,
    [property: Id(2)] IReadOnlyList<string>? Symbols,
    [property: Id(3)] double? TickSeconds,
    [property: Id(4)] int? ShortWindow,
    [property: Id(5)] int? LongWindow,
    [property: Id(6)] decimal? TradeQuantity,
    [property: Id(7)] string? Strategy);
