using OrleansBots.Alerts;

namespace OrleansBots.Metrics;

/// <summary>Reads stored aggregates and alerts: PostgreSQL when configured, else the silo's in-memory history.</summary>
public interface IMetricHistory
{
    Task<IReadOnlyList<MetricSeries>> SeriesAsync(MetricQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlertRecord>> RecentAlertsAsync(int limit, CancellationToken cancellationToken);
}
