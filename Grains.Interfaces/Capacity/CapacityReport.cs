using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Capacity;

/// <summary>Everything the capacity grain knows, for the stats endpoint and the operator page.</summary>
/// <param name="RecentAlerts">Capacity alerts, newest first (Id 3 carried them in their former shape).</param>
[GenerateSerializer, Immutable, Alias("OrleansBots.CapacityReport")]
public sealed record CapacityReport(
    [property: Id(0)] CapacitySnapshot Capacity,
    [property: Id(1)] PlatformLimits Limits,
    [property: Id(2)] int UsersWithRunningBots,
    [property: Id(7)] IReadOnlyList<AlertRecord> RecentAlerts,
    [property: Id(4)] long ZombieLeasesFreed,
    [property: Id(5)] string HostSilo,
    [property: Id(6)] DateTimeOffset ActivatedAt);
