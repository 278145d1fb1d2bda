using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Monitoring.Pipeline;

/// <summary>
/// Writes one silo's aggregates and alerts to the metric store (key: the silo's name). Fed by the
/// <c>metrics</c> and <c>alerts</c> streams; called directly only to wake it and at shutdown.
/// </summary>
public interface IMetricsWriterGrain : IGrainWithStringKey
{
    /// <summary>Activates the writer (on the calling silo, where possible) before the first batch arrives.</summary>
    Task Wake();

    /// <summary>Takes the last batches and alerts of a stopping silo and writes (or spills) everything it holds before answering.</summary>
    Task Drain(IReadOnlyList<MetricBatch> batches, IReadOnlyList<AlertRecord> alerts);
}
