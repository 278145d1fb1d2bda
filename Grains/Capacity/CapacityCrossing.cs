namespace OrleansBots.Capacity;

/// <summary>Usage crossed <see cref="ThresholdPercent"/> upwards (or is still over a level whose alert was held back).</summary>
public sealed record CapacityCrossing(DateTimeOffset At, int ThresholdPercent, int CurrentBots, int MaxBots, string Message);
