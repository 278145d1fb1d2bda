using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;

namespace OrleansBots.Silo.Charts;

/// <summary>
/// A chart of the admin page: the metric it reads (with a label filter), how a point becomes a value, and
/// whether the series of one silo are added up (ticks of every status) or drawn apart (CPU per scope).
/// The alerts chart reads no metric (<see cref="Metric"/> is null): it counts alerts per step.
/// </summary>
public sealed record ChartDefinition(
    string Name,
    string Title,
    string YLabel,
    string? Metric,
    IReadOnlyDictionary<string, string>? Labels,
    bool AddUpLabels,
    Func<MetricPoint, TimeSpan, double?> Value,
    double? YMax = null);
