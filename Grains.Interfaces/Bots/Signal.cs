namespace OrleansBots.Bots;

/// <summary>Something the bot's strategy concluded, including trades it was refused.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.Signal")]
public sealed record Signal(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Symbol,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Message);
