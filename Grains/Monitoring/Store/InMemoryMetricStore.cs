using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;

namespace OrleansBots.Monitoring.Store;

/// <summary>
/// The store without PostgreSQL: this silo's recent history in memory, bounded by age
/// (<see cref="MetricsOptions.MemoryHistory"/>, 24 h) and count (<see cref="MetricsOptions.MemoryHistoryMaxRows"/>),
/// oldest out first; the last <see cref="AlertsKept"/> alerts. Answers the same queries as PostgreSQL.
/// </summary>
public sealed class InMemoryMetricStore(IOptions<MetricsOptions> options, TimeProvider time) : IMetricStore, IMetricHistory
{
    public const int AlertsKept = 1000;

    private readonly Lock _lock = new();
    private readonly Queue<MetricAggregate> _aggregates = new();
    private readonly Queue<AlertRecord> _alerts = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _aggregates.Count;
            }
        }
    }

    public Task WriteAsync(IReadOnlyList<MetricAggregate> aggregates, IReadOnlyList<AlertRecord> alerts, CancellationToken cancellationToken)
    {
        var oldest = time.GetUtcNow() - options.Value.MemoryHistory;
        lock (_lock)
        {
            foreach (var aggregate in aggregates)
            {
                _aggregates.Enqueue(aggregate);
            }

            while (_aggregates.Count > 0 && (_aggregates.Count > options.Value.MemoryHistoryMaxRows || _aggregates.Peek().Timestamp < oldest))
            {
                _aggregates.Dequeue();
            }

            foreach (var alert in alerts)
            {
                _alerts.Enqueue(alert);
            }

            while (_alerts.Count > AlertsKept)
            {
                _alerts.Dequeue();
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MetricSeries>> SeriesAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        List<MetricAggregate> rows;
        lock (_lock)
        {
            rows = _aggregates
                .Where(a => a.Name == query.Name && a.Timestamp >= query.From && a.Timestamp < query.To && (query.Silo is null || a.Silo == query.Silo))
                .ToList();
        }

        rows = rows.Where(a => MetricLabels.Match(a.Labels, query.Labels)).ToList();
        return Task.FromResult(SeriesBuilder.Build(query, rows));
    }

    public Task<IReadOnlyList<string>> NamesAsync(DateTimeOffset from, DateTimeOffset to, string? silo, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<string> names = _aggregates
                .Where(a => a.Timestamp >= from && a.Timestamp < to && (silo is null || a.Silo == silo))
                .Select(a => a.Name)
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(names);
        }
    }

    public Task<IReadOnlyList<AlertRecord>> RecentAlertsAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<AlertRecord> recent = _alerts.Reverse().Take(limit).ToList();
            return Task.FromResult(recent);
        }
    }
}
