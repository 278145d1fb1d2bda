using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Monitoring.Store;

/// <summary>How a severity is written in the <c>alerts.severity</c> column and in the HTTP API.</summary>
public static class AlertSeverityNames
{
    public const string Warning = "warning";
    public const string Critical = "critical";

    public static string Of(AlertSeverity severity) => severity == AlertSeverity.Critical ? Critical : Warning;

    public static AlertSeverity Parse(string severity) => severity == Critical ? AlertSeverity.Critical : AlertSeverity.Warning;
}
