using System.Threading.Channels;
using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Monitoring.Pipeline;

/// <summary>
/// The <see cref="IAlertJournal"/> of the pipeline: a bounded queue that the silo's <see cref="MetricsPublisher"/>
/// drains onto the <c>alerts</c> stream. Appending never waits; a full queue drops the oldest and counts it.
/// </summary>
public sealed class AlertOutbox(PipelineInstruments instruments, ILogger<AlertOutbox> logger) : IAlertJournal
{
    public const int Capacity = 10_000;

    private readonly Channel<AlertRecord> _queue = Channel.CreateBounded<AlertRecord>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
        dropped =>
        {
            instruments.Dropped(1, "alert_queue");
            logger.LogError("Alert queue full ({Capacity}): dropped the alert {Rule} of {At:O}", Capacity, dropped.Rule, dropped.At);
        });

    public void Append(AlertRecord alert) => _queue.Writer.TryWrite(alert);

    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _queue.Reader.WaitToReadAsync(cancellationToken);

    public List<AlertRecord> TakeAll()
    {
        var alerts = new List<AlertRecord>();
        while (_queue.Reader.TryRead(out var alert))
        {
            alerts.Add(alert);
        }

        return alerts;
    }
}
