using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Monitoring.Query;

/// <summary>Reads stored aggregates and alerts: PostgreSQL when configured, else the silo's in-memory history.</summary>
public interface IMetricHistory
{
    Task<IReadOnlyList<MetricSeries>> SeriesAsync(MetricQuery query, CancellationToken cancellationToken);

    /// <summary>The metric names stored in [from, to), sorted; one silo's only when <paramref name="silo"/> is given.</summary>
    Task<IReadOnlyList<string>> NamesAsync(DateTimeOffset from, DateTimeOffset to, string? silo, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlertRecord>> RecentAlertsAsync(int limit, CancellationToken cancellationToken);
}
