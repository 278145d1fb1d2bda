namespace OrleansBots.Monitoring.Alerts;

/// <summary>The last alerts this silo fired, newest first; what the admin page shows when the metric history cannot be read.</summary>
public sealed class RecentAlerts
{
    public const int Kept = 100;

    private readonly LinkedList<AlertRecord> _alerts = new();

    public void Add(AlertRecord alert)
    {
        lock (_alerts)
        {
            _alerts.AddFirst(alert);
            if (_alerts.Count > Kept)
            {
                _alerts.RemoveLast();
            }
        }
    }

    public IReadOnlyList<AlertRecord> Latest(int limit)
    {
        lock (_alerts)
        {
            return _alerts.Take(limit).ToList();
        }
    }
}
