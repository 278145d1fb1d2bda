namespace OrleansBots.Capacity;

/// <summary>Everything the capacity grain knows, for the stats endpoint and the operator page.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CapacityReport")]
public sealed record CapacityReport(
    [property: Id(0)] CapacitySnapshot Capacity,
    [property: Id(1)] PlatformLimits Limits,
    [property: Id(2)] int UsersWithRunningBots,
    [property: Id(3)] IReadOnlyList<CapacityAlert> RecentAlerts,
    [property: Id(4)] long ZombieLeasesFreed,
    [property: Id(5)] string HostSilo,
    [property: Id(6)] DateTimeOffset ActivatedAt);
