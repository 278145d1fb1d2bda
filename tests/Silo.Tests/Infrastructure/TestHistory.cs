using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;

namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>
/// Stands in for the metrics pipeline's history: answers a series query with the given series of its name and
/// the alert query with the given alerts, or fails like a store that is down.
/// </summary>
public sealed class TestHistory(params MetricSeries[] series) : IMetricHistory
{
    public List<MetricQuery> Queries { get; } = [];

    public IReadOnlyList<AlertRecord> Alerts { get; init; } = [];

    public bool Fails { get; init; }

    public Task<IReadOnlyList<MetricSeries>> SeriesAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        return Fails
            ? Task.FromException<IReadOnlyList<MetricSeries>>(new TimeoutException("store down"))
            : Task.FromResult<IReadOnlyList<MetricSeries>>(series.Where(s => s.Name == query.Name).ToList());
    }

    public Task<IReadOnlyList<string>> NamesAsync(DateTimeOffset from, DateTimeOffset to, string? silo, CancellationToken cancellationToken) => Fails
        ? Task.FromException<IReadOnlyList<string>>(new TimeoutException("store down"))
        : Task.FromResult<IReadOnlyList<string>>(series.Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<AlertRecord>> RecentAlertsAsync(int limit, CancellationToken cancellationToken) => Fails
        ? Task.FromException<IReadOnlyList<AlertRecord>>(new TimeoutException("store down"))
        : Task.FromResult<IReadOnlyList<AlertRecord>>(Alerts.Take(limit).ToList());
}
