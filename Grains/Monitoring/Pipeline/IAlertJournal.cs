using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Monitoring.Pipeline;

/// <summary>Takes fired alerts into the metrics pipeline (stream → writer → <c>alerts</c> table); never blocks the caller.</summary>
public interface IAlertJournal
{
    void Append(AlertRecord alert);
}
