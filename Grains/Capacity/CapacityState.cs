using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Capacity;

[GenerateSerializer, Immutable, Alias("OrleansBots.LeaseRecord")]
public sealed record LeaseRecord([property: Id(0)] string BotId, [property: Id(1)] string UserId);

/// <summary>
/// The capacity grain's durable state: the limits (the platform's and each user's own bot limit) and the alert
/// history. The leases live in the <see cref="ILeaseStore"/>; <see cref="Leases"/> is only read, from states stored
/// before, and moved into the store.
/// </summary>
[GenerateSerializer, Alias("OrleansBots.CapacityState")]
public sealed class CapacityState
{
    /// <summary>Every lease, as states stored them before the lease store: read on activation, then written empty.</summary>
    [Id(0)] public List<LeaseRecord> Leases { get; set; } = [];

    [Id(1)] public PlatformLimits? Limits { get; set; }

    /// <summary>The configured limits when <see cref="Limits"/> was last set; a new configuration wins over it.</summary>
    [Id(2)] public PlatformLimits? ConfiguredLimits { get; set; }

    /// <summary>Alerts as snapshots stored them before <see cref="RecentAlerts"/>: read on activation, never written again.</summary>
    [Id(3)] public List<CapacityAlert> Alerts { get; set; } = [];

    [Id(4)] public List<int> RaisedThresholds { get; set; } = [];

    [Id(5)] public long ZombieLeasesFreed { get; set; }

    /// <summary>Capacity alerts, oldest first: the cluster-wide record that survives restarts without PostgreSQL.</summary>
    [Id(6)] public List<AlertRecord> RecentAlerts { get; set; } = [];

    /// <summary>Users' own bot limits (their <c>max_bots</c> override), by user id; others get MAX_BOTS_PER_USER.</summary>
    [Id(7)] public Dictionary<string, int> UserBotLimits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The limits to run with: the saved ones, unless the configuration changed since they were set.</summary>
    public PlatformLimits LimitsUnder(PlatformLimits configured) =>
        Limits is not null && ConfiguredLimits == configured ? Limits : configured;
}
