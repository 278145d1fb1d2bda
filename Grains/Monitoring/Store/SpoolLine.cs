using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Monitoring.Store;

/// <summary>One line of a spool file: an aggregate or an alert.</summary>
public sealed record SpoolLine(MetricAggregate? Metric, AlertRecord? Alert);
