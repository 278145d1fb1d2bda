namespace OrleansBots.Bots;

/// <summary>What a bot is: set at creation by its owner.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.BotDefinition")]
public sealed record BotDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] BotKind Kind,
    [property: Id(2)] IReadOnlyList<string> Symbols,
    [property: Id(3)] double TickSeconds,
    [property: Id(4)] int ShortWindow,
    [property: Id(5)] int LongWindow,
    [property: Id(6)] decimal TradeQuantity)
{
    public const string MovingAverageCrossover = "ma_crossover";

    /// <summary>Reacts to the new-token feed (besides ticking its symbols like <see cref="MovingAverageCrossover"/>).</summary>
    public const string NewTokens = "new_tokens";

    public const double DefaultTickSeconds = 5;
    public const int DefaultShortWindow = 5;
    public const int DefaultLongWindow = 20;
    public const decimal DefaultTradeQuantity = 0.01m;

    /// <summary>The trading strategy; <see cref="MovingAverageCrossover"/> is the one there is (chat bots have none).</summary>
    [Id(7)]
    public string? Strategy { get; init; }
}
