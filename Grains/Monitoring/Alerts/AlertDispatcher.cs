using System.Collections.Immutable;
using OrleansBots.Monitoring.Pipeline;

namespace OrleansBots.Monitoring.Alerts;

/// <summary>
/// Where every fired alert goes: the log, the journal (the <c>alerts</c> table, when the metrics pipeline is
/// there), this silo's recent list, the registered sinks (the webhook among them) and subscribed callbacks.
/// A failing sink is logged and does not stop the others.
/// </summary>
public sealed class AlertDispatcher(
    IEnumerable<IAlertJournal> journals,
    IEnumerable<IAlertSink> sinks,
    RecentAlerts recent,
    ILogger<AlertDispatcher> logger)
{
    private readonly IAlertJournal[] _journals = journals.ToArray();
    private readonly IAlertSink[] _sinks = sinks.ToArray();
    private ImmutableArray<Action<AlertRecord>> _callbacks = [];

    public void Dispatch(AlertRecord alert)
    {
        var level = alert.Severity == AlertSeverity.Critical ? LogLevel.Critical : LogLevel.Warning;
        logger.Log(level, "Alert {Rule} on {Scope} ({Silo}): {Message} (value {Value}, threshold {Threshold})",
            alert.Rule, alert.Scope, alert.Silo, alert.Message, alert.Value, alert.Threshold);
        recent.Add(alert);
        foreach (var journal in _journals)
        {
            Deliver(journal.GetType().Name, () => journal.Append(alert));
        }

        foreach (var sink in _sinks)
        {
            Deliver(sink.GetType().Name, () => sink.Deliver(alert));
        }

        foreach (var callback in _callbacks)
        {
            Deliver("callback", () => callback(alert));
        }
    }

    /// <summary>Calls <paramref name="callback"/> with every alert until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Action<AlertRecord> callback)
    {
        ImmutableInterlocked.Update(ref _callbacks, list => list.Add(callback));
        return new Subscription(() => ImmutableInterlocked.Update(ref _callbacks, list => list.Remove(callback)));
    }

    private void Deliver(string receiver, Action deliver)
    {
        try
        {
            deliver();
        }
        catch (Exception error)
        {
            logger.LogError(error, "Alert receiver {Receiver} failed", receiver);
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                unsubscribe();
            }
        }
    }
}
