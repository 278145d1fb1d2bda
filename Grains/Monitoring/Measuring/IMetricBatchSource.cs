using OrleansBots.Monitoring.Pipeline;

namespace OrleansBots.Monitoring.Measuring;

/// <summary>This silo's measurements since the previous call, pre-aggregated per series; drains what it returns.</summary>
public interface IMetricBatchSource
{
    MetricBatch Collect(DateTimeOffset now);
}
