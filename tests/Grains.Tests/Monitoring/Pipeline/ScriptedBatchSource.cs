using OrleansBots.Hardware;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Tests.Monitoring.Pipeline;

/// <summary>
/// Stands in for the <see cref="MetricAggregator"/> in tests: each collect drains the aggregates recorded
/// since the previous one (<see cref="Record"/>), or makes <see cref="SeriesPerCollect"/> fresh counter series.
/// </summary>
public sealed class ScriptedBatchSource(string silo) : IMetricBatchSource
{
    private readonly Lock _lock = new();
    private readonly List<MetricAggregate> _recorded = [];
    private readonly List<DateTimeOffset> _collectedAt = [];

    public string Silo { get; } = silo;

    public int SeriesPerCollect { get; set; }

    public int Collects
    {
        get
        {
            lock (_lock)
            {
                return _collectedAt.Count;
            }
        }
    }

    /// <summary>The time the publisher passed to each collect so far, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> CollectedAt
    {
        get
        {
            lock (_lock)
            {
                return _collectedAt.ToList();
            }
        }
    }

    /// <summary>Aggregates handed out so far.</summary>
    public long Produced { get; private set; }

    public void Record(MetricAggregate aggregate)
    {
        lock (_lock)
        {
            _recorded.Add(aggregate);
        }
    }

    public MetricBatch Collect(DateTimeOffset now)
    {
        lock (_lock)
        {
            _collectedAt.Add(now);
            var aggregates = _recorded.Concat(Aggregates.Batch(now, Silo, SeriesPerCollect).Aggregates).ToList();
            _recorded.Clear();
            Produced += aggregates.Count;
            return new MetricBatch(Silo, now.AddSeconds(-1), now, aggregates);
        }
    }
}

/// <summary>A silo load that tests switch over the CPU target.</summary>
public sealed class ScriptedSiloLoad : ISiloLoad
{
    public double CpuPercent => OverCpuTarget ? 95 : 10;

    public double MemoryPercent => 10;

    public bool OverCpuTarget { get; set; }
}
