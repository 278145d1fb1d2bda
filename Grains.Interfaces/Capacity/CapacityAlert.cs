namespace OrleansBots.Capacity;

/// <summary>Raised once each time usage crosses a threshold upwards.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CapacityAlert")]
public sealed record CapacityAlert(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int ThresholdPercent,
    [property: Id(2)] int CurrentBots,
    [property: Id(3)] int MaxBots,
    [property: Id(4)] string Message);
