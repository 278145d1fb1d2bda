using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Store;

namespace OrleansBots.Benchmarks;

/// <summary>
/// The store the writer grains use in the pipeline benchmark: the real <see cref="PostgresMetricStore"/>, counting the
/// rows of each write once it has committed, so the benchmark knows when the last row is in PostgreSQL without
/// querying the database it is timing.
/// </summary>
public sealed class CountingMetricStore(PostgresMetricStore inner) : IMetricStore
{
    private long _written;

    public long Written => Interlocked.Read(ref _written);

    public async Task WriteAsync(IReadOnlyList<MetricAggregate> aggregates, IReadOnlyList<AlertRecord> alerts, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(aggregates, alerts, cancellationToken);
        Interlocked.Add(ref _written, aggregates.Count);
    }

    public void Reset() => Interlocked.Exchange(ref _written, 0);
}
