using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;

namespace OrleansBots.Monitoring.Alerts;

/// <summary>Takes fired alerts into the metrics pipeline (stream → writer → <c>alerts</c> table); never blocks the caller.</summary>
public interface IAlertJournal
{
    void Append(AlertRecord alert);
}
