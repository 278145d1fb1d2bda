using System.Collections.Concurrent;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Alerts;

/// <summary>An in-process sink that keeps what it is given (and a journal, as the metrics pipeline would be).</summary>
public sealed class RecordingAlertSink : IAlertSink, IAlertJournal
{
    private readonly ConcurrentQueue<AlertRecord> _alerts = new();

    public IReadOnlyList<AlertRecord> Alerts => _alerts.ToArray();

    public void Deliver(AlertRecord alert) => _alerts.Enqueue(alert);

    public void Append(AlertRecord alert) => _alerts.Enqueue(alert);
}
