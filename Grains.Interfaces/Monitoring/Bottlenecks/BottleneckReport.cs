namespace OrleansBots.Monitoring.Bottlenecks;

/// <summary>What one silo saw as slow or overloaded in its last interval; Silo and At are null before its first batch.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.Bottlenecks.BottleneckReport")]
public sealed record BottleneckReport(
    [property: Id(0)] string? Silo,
    [property: Id(1)] DateTimeOffset? At,
    [property: Id(2)] IReadOnlyList<OperationBottleneck> Operations,
    [property: Id(3)] IReadOnlyList<ResourceBottleneck> Resources);
