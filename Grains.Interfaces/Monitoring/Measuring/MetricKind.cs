namespace OrleansBots.Monitoring.Measuring;

[GenerateSerializer, Alias("OrleansBots.Metrics.MetricKind")]
public enum MetricKind
{
    Counter = 0,
    Gauge = 1,
    Histogram = 2,
}
