namespace OrleansBots.Monitoring.Pipeline;

/// <summary>The Orleans stream names of the pipeline; the stream key is the publishing silo's name.</summary>
public static class MetricStreams
{
    public const string Provider = "metrics";

    /// <summary>Carries <see cref="MetricBatch"/> items.</summary>
    public const string MetricsNamespace = "metrics";

    /// <summary>Carries <see cref="Alerts.AlertRecord"/> items to the same writer.</summary>
    public const string AlertsNamespace = "alerts";

    /// <summary>Memory streams keep their subscriptions in this grain storage.</summary>
    public const string PubSubStore = "PubSubStore";
}
