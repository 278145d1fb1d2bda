using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Events;

/// <summary>Publishes every alert this silo fires on the platform stream, for operators following <c>/api/admin/events</c>.</summary>
public sealed class AlertEventSink(EventStreams streams, ILogger<AlertEventSink> logger) : IAlertSink
{
    public void Deliver(AlertRecord alert)
    {
        if (streams.OfPlatform() is { } stream)
        {
            _ = PublishAsync(stream, alert);
        }
    }

    private async Task PublishAsync(Orleans.Streams.IAsyncStream<PlatformEvent> stream, AlertRecord alert)
    {
        try
        {
            await stream.OnNextAsync(new PlatformEvent(alert.At, Alert: alert));
        }
        catch (Exception error)
        {
            logger.LogDebug(error, "Alert {Rule} was not published as an event", alert.Rule);
        }
    }
}
