using OrleansBots.Capacity;
using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Events;

/// <summary>What an operator follows live: a change of capacity, or a fired alert (exactly one is set).</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.Events.PlatformEvent")]
public sealed record PlatformEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] CapacitySnapshot? Capacity = null,
    [property: Id(2)] AlertRecord? Alert = null);
