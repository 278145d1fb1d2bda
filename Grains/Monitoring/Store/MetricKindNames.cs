using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Monitoring.Store;

/// <summary>How a kind is written in the <c>metrics.kind</c> column and in the HTTP API.</summary>
public static class MetricKindNames
{
    public static string Of(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Gauge => "gauge",
        _ => "histogram",
    };

    public static MetricKind Parse(string kind) => kind switch
    {
        "counter" => MetricKind.Counter,
        "gauge" => MetricKind.Gauge,
        _ => MetricKind.Histogram,
    };
}
