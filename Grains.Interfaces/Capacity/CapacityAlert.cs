namespace OrleansBots.Capacity;

/// <summary>
/// How capacity alerts were stored in the capacity grain's snapshot before they became
/// <see cref="Monitoring.Alerts.AlertRecord"/>s: kept only so that such snapshots still load. Its name and
/// assembly stay as they are: the stored JSON names the type.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CapacityAlert")]
public sealed record CapacityAlert(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int ThresholdPercent,
    [property: Id(2)] int CurrentBots,
    [property: Id(3)] int MaxBots,
    [property: Id(4)] string Message);
