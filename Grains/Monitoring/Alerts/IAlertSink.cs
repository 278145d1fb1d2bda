namespace OrleansBots.Monitoring.Alerts;

/// <summary>
/// Receives every alert this silo fires (register one as a singleton <c>IAlertSink</c>). Called on the firing
/// thread: return quickly and hand slow work (I/O) to a queue of your own.
/// </summary>
public interface IAlertSink
{
    void Deliver(AlertRecord alert);
}
