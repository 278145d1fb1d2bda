using System.Diagnostics.Metrics;
using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Monitoring.Pipeline;

/// <summary>
/// The pipeline's own measurements, on a meter named "OrleansBots.Pipeline" made by the silo's meter factory, so
/// the aggregator and /metrics pick it up and a silo counts only its own drops. One per silo.
/// </summary>
public sealed class PipelineInstruments
{
    public const string MeterName = MetricNames.MeterPrefix + ".Pipeline";

    private readonly Counter<long> _dropped;

    public PipelineInstruments(IMeterFactory meters) =>
        _dropped = meters.Create(MeterName).CreateCounter<long>(MetricNames.MetricsDropped, description: "Aggregates and alerts dropped because a buffer bound was hit");

    /// <summary>Counts <paramref name="count"/> aggregates or alerts the pipeline gave up on, by <paramref name="reason"/>.</summary>
    public void Dropped(long count, string reason) => _dropped.Add(count, new KeyValuePair<string, object?>("reason", reason));
}
