namespace OrleansBots.Capacity;

[GenerateSerializer, Immutable, Alias("OrleansBots.LeaseRecord")]
public sealed record LeaseRecord([property: Id(0)] string BotId, [property: Id(1)] string UserId);

/// <summary>The capacity grain's durable snapshot: every acknowledged lease, the limits and the alert history.</summary>
[GenerateSerializer, Alias("OrleansBots.CapacityState")]
public sealed class CapacityState
{
    [Id(0)] public List<LeaseRecord> Leases { get; set; } = [];

    [Id(1)] public PlatformLimits? Limits { get; set; }

    /// <summary>The configured limits when <see cref="Limits"/> was last set; a new configuration wins over it.</summary>
    [Id(2)] public PlatformLimits? ConfiguredLimits { get; set; }

    [Id(3)] public List<CapacityAlert> Alerts { get; set; } = [];

    [Id(4)] public List<int> RaisedThresholds { get; set; } = [];

    [Id(5)] public long ZombieLeasesFreed { get; set; }
}
