using System.Text.Json;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Alerts;

public sealed class AlertSeverityNamesTests
{
    [Theory]
    [InlineData(AlertSeverity.Warning, "warning")]
    [InlineData(AlertSeverity.Critical, "critical")]
    public void EverySeverityHasOneNameInTheStoreTheApiAndTheWebhook(AlertSeverity severity, string name)
    {
        Assert.Equal(name, AlertSeverityNames.Of(severity));
        Assert.Equal(severity, AlertSeverityNames.Parse(name));
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(severity, AlertWebhook.Json));
    }
}
