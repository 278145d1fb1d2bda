using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Monitoring.Query;

/// <summary>The points of one (silo, labels) series of a metric; Silo is null when silos were added up.</summary>
public sealed record MetricSeries(string Name, string? Silo, string Labels, MetricKind Kind, IReadOnlyList<MetricPoint> Points);
