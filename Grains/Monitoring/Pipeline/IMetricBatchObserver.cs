namespace OrleansBots.Monitoring.Pipeline;

/// <summary>Told of each batch this silo publishes (alerts, bottlenecks); must return quickly and never throw.</summary>
public interface IMetricBatchObserver
{
    void OnBatch(MetricBatch batch);
}
