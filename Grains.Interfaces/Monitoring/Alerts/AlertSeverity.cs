namespace OrleansBots.Monitoring.Alerts;

[GenerateSerializer, Alias("OrleansBots.Alerts.AlertSeverity")]
public enum AlertSeverity
{
    Warning = 0,
    Critical = 1,
}
