namespace OrleansBots.Capacity;

/// <summary>The admission state as the monitoring contract shows it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CapacitySnapshot")]
public sealed record CapacitySnapshot(
    [property: Id(0)] int CurrentBots,
    [property: Id(1)] int MaxBots,
    [property: Id(2)] double PercentUsed,
    [property: Id(3)] int AvailableSlots,
    [property: Id(4)] CapacityStatus Status,
    [property: Id(5)] bool CanAcceptNew);
