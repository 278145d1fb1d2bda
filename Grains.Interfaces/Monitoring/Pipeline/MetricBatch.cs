using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Monitoring.Pipeline;

/// <summary>Everything one silo measured during one interval; the unit published on the metrics stream.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.Metrics.MetricBatch")]
public sealed record MetricBatch(
    [property: Id(0)] string Silo,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] IReadOnlyList<MetricAggregate> Aggregates);
