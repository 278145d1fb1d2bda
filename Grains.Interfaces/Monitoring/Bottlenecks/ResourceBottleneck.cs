namespace OrleansBots.Monitoring.Bottlenecks;

/// <summary>A resource (cpu, memory, disk) at or over its alert threshold in the last interval.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.Bottlenecks.ResourceBottleneck")]
public sealed record ResourceBottleneck(
    [property: Id(0)] string Resource,
    [property: Id(1)] double Value,
    [property: Id(2)] double Threshold,
    [property: Id(3)] DateTimeOffset At);
