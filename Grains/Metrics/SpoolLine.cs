using OrleansBots.Alerts;

namespace OrleansBots.Metrics;

/// <summary>One line of a spool file: an aggregate or an alert.</summary>
public sealed record SpoolLine(MetricAggregate? Metric, AlertRecord? Alert);
