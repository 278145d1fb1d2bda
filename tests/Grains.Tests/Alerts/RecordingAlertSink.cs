using System.Collections.Concurrent;
using OrleansBots.Alerts;

namespace OrleansBots.Tests.Alerts;

/// <summary>An in-process sink that keeps what it is given (and a journal, as the metrics pipeline would be).</summary>
public sealed class RecordingAlertSink : IAlertSink, IAlertJournal
{
    private readonly ConcurrentQueue<AlertRecord> _alerts = new();

    public IReadOnlyList<AlertRecord> Alerts => _alerts.ToArray();

    public void Deliver(AlertRecord alert) => _alerts.Enqueue(alert);

    public void Append(AlertRecord alert) => _alerts.Enqueue(alert);
}
