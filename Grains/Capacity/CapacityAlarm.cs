namespace OrleansBots.Capacity;

/// <summary>
/// Raises one alert each time usage crosses a threshold upwards (the alert threshold, then the critical and
/// full levels, 95 % and 100 % by default); a threshold is armed again once usage falls back below it.
/// </summary>
public sealed class CapacityAlarm(int criticalPercent = 95, int fullPercent = 100)
{
    private readonly HashSet<int> _raised = [];

    public IReadOnlyCollection<int> Raised => _raised;

    public static IReadOnlyList<int> ThresholdsFor(int alertThreshold, int criticalPercent = 95, int fullPercent = 100) =>
        new[] { alertThreshold, criticalPercent, fullPercent }.Where(t => t >= alertThreshold).Distinct().Order().ToArray();

    /// <summary>Restores which thresholds were already crossed, so a restart does not raise them again.</summary>
    public void Restore(IEnumerable<int> raised) => _raised.UnionWith(raised);

    public IReadOnlyList<CapacityCrossing> Observe(int current, int max, int alertThreshold, DateTimeOffset now)
    {
        var percent = current * 100.0 / Math.Max(1, max);
        var alerts = new List<CapacityCrossing>();
        var thresholds = ThresholdsFor(alertThreshold, criticalPercent, fullPercent);
        _raised.RemoveWhere(t => percent < t);
        foreach (var threshold in thresholds)
        {
            if (percent >= threshold && _raised.Add(threshold))
            {
                alerts.Add(new CapacityCrossing(now, threshold, current, max, MessageFor(threshold, current, max, percent)));
            }
        }

        return alerts;
    }

    /// <summary>An alert for a threshold usage is still over (a crossing held back by the alert cooldown).</summary>
    public CapacityCrossing Standing(int threshold, int current, int max, DateTimeOffset now) =>
        new(now, threshold, current, max, MessageFor(threshold, current, max, current * 100.0 / Math.Max(1, max)));

    private string MessageFor(int threshold, int current, int max, double percent) => threshold >= fullPercent
        ? $"Platform full: {current}/{max} bots running; new bots are refused"
        : $"Capacity above {threshold}%: {current}/{max} bots running ({percent:0.0}%)";
}
