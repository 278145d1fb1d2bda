namespace OrleansBots.Bottlenecks;

/// <summary>What one silo saw as slow or overloaded in its last interval; Silo and At are null before its first batch.</summary>
public sealed record BottleneckReport(string? Silo, DateTimeOffset? At, IReadOnlyList<OperationBottleneck> Operations, IReadOnlyList<ResourceBottleneck> Resources);
