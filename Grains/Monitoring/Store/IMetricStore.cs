using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Monitoring.Store;

/// <summary>Where the writer puts aggregates and alerts: PostgreSQL when configured, else the silo's memory.</summary>
public interface IMetricStore
{
    /// <summary>Stores the rows; writing the same rows again (a retry after a lost answer) must not store them twice.</summary>
    Task WriteAsync(IReadOnlyList<MetricAggregate> aggregates, IReadOnlyList<AlertRecord> alerts, CancellationToken cancellationToken);
}
