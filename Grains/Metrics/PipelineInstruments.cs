using System.Diagnostics.Metrics;

namespace OrleansBots.Metrics;

/// <summary>The pipeline's own measurements; a meter named "OrleansBots..." so the aggregator and /metrics pick it up.</summary>
public static class PipelineInstruments
{
    private static readonly Meter Meter = new("OrleansBots.Pipeline");

    /// <summary>Aggregates and alerts the pipeline gave up on (a full spool or a full alert queue).</summary>
    public static readonly Counter<long> Dropped = Meter.CreateCounter<long>("metrics_dropped", description: "Aggregates and alerts dropped because a buffer bound was hit");
}
