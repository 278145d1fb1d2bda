namespace OrleansBots.Monitoring.Query;

/// <summary>A series request: one metric name over [From, To) in steps; optional silo and label filters (all must match).</summary>
public sealed record MetricQuery(
    string Name,
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan Step,
    string? Silo = null,
    IReadOnlyDictionary<string, string>? Labels = null);
