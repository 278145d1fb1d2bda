using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;

namespace OrleansBots.Tests.Monitoring.Pipeline;

/// <summary>A store that can be made unreachable; keeps what it took, ignoring rows it already has (like PostgreSQL's unique index).</summary>
public sealed class SwitchableStore : IMetricStore
{
    private readonly HashSet<(DateTimeOffset, string, string, string)> _keys = [];

    public bool Down { get; set; }

    public List<MetricAggregate> Aggregates { get; } = [];

    public List<AlertRecord> Alerts { get; } = [];

    public int Writes { get; private set; }

    public Task WriteAsync(IReadOnlyList<MetricAggregate> aggregates, IReadOnlyList<AlertRecord> alerts, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new IOException("store unreachable");
        }

        Writes++;
        Aggregates.AddRange(aggregates.Where(a => _keys.Add((a.Timestamp, a.Silo, a.Name, a.Labels))));
        Alerts.AddRange(alerts);
        return Task.CompletedTask;
    }
}
