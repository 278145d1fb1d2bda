using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Capacity;

/// <summary>
/// The capacity grain's alerts: each upward crossing of a level (<see cref="CapacityAlarm"/>) is raised unless the
/// same level fired within the alert cooldown; such a crossing is owed and raised once the cooldown has passed if
/// usage is still over the level. Keeps the most recent alerts for the report. Not thread-safe: the grain calls it.
/// </summary>
public sealed class CapacityAlerts(int criticalPercent, int fullPercent, TimeSpan cooldown, TimeProvider time, string silo, ILogger logger)
{
    public const int Kept = 100;

    private readonly CapacityAlarm _alarm = new(criticalPercent, fullPercent);
    private readonly AlertBook _book = new(cooldown, time);
    private readonly HashSet<int> _owed = [];
    private readonly List<AlertRecord> _recent = [];

    /// <summary>The levels usage is over and that were raised (or owed).</summary>
    public IReadOnlyCollection<int> Raised => _alarm.Raised;

    /// <summary>Oldest first, at most <see cref="Kept"/>.</summary>
    public IReadOnlyList<AlertRecord> Recent => _recent;

    /// <summary>
    /// Takes back what a snapshot kept: the levels already raised and the recent alerts, including those stored
    /// in their former shape (<see cref="CapacityAlert"/>), which are rated with today's ALERT_THRESHOLD.
    /// </summary>
    public void Restore(CapacityState saved, int alertThreshold)
    {
        _alarm.Restore(saved.RaisedThresholds);
        _recent.AddRange(saved.Alerts.Select(a => AlertRecord.Capacity(a.At, silo, a.ThresholdPercent, a.CurrentBots, a.MaxBots, a.Message, alertThreshold)));
        _recent.AddRange(saved.RecentAlerts);
        Trim();
    }

    /// <summary>Observes usage; returns the alerts raised now.</summary>
    public IReadOnlyList<AlertRecord> Observe(int current, PlatformLimits limits)
    {
        var raised = new List<AlertRecord>();
        foreach (var crossing in _alarm.Observe(current, limits.MaxConcurrentBots, limits.AlertThreshold, time.GetUtcNow()))
        {
            // A level crossed again within the cooldown (usage flapping around it) is not raised now; it is
            // owed, and a later sweep raises it once the cooldown has passed if usage is still over it.
            if (!_book.Observe(KeyOf(crossing.ThresholdPercent), over: true))
            {
                logger.LogInformation("Capacity crossed {Threshold}% again within the alert cooldown: {Message}", crossing.ThresholdPercent, crossing.Message);
                _owed.Add(crossing.ThresholdPercent);
                continue;
            }

            raised.Add(Keep(crossing, limits.AlertThreshold));
        }

        return raised;
    }

    /// <summary>Raises the crossings held back by the cooldown once it has passed, if usage is still over them.</summary>
    public IReadOnlyList<AlertRecord> RaiseOwed(int current, PlatformLimits limits, DateTimeOffset now)
    {
        if (_owed.Count == 0)
        {
            return [];
        }

        var raised = new List<AlertRecord>();
        _owed.RemoveWhere(threshold => !_alarm.Raised.Contains(threshold));
        foreach (var threshold in _owed.Order().ToList())
        {
            if (_book.Observe(KeyOf(threshold), over: true))
            {
                _owed.Remove(threshold);
                raised.Add(Keep(_alarm.Standing(threshold, current, limits.MaxConcurrentBots, now), limits.AlertThreshold));
            }
        }

        return raised;
    }

    private static string KeyOf(int threshold) => $"capacity|{threshold}";

    private AlertRecord Keep(CapacityCrossing crossing, int alertThreshold)
    {
        var alert = AlertRecord.Capacity(crossing.At, silo, crossing.ThresholdPercent, crossing.CurrentBots, crossing.MaxBots, crossing.Message, alertThreshold);
        _recent.Add(alert);
        Trim();
        return alert;
    }

    private void Trim()
    {
        if (_recent.Count > Kept)
        {
            _recent.RemoveRange(0, _recent.Count - Kept);
        }
    }
}
