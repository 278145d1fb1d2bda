namespace OrleansBots.Capacity;

/// <summary>
/// Raises one alert each time usage crosses a threshold upwards (the alert threshold, 95 % and 100 %);
/// a threshold is armed again once usage falls back below it.
/// </summary>
public sealed class CapacityAlarm
{
    private readonly HashSet<int> _raised = [];

    public IReadOnlyCollection<int> Raised => _raised;

    public static IReadOnlyList<int> ThresholdsFor(int alertThreshold) =>
        new[] { alertThreshold, 95, 100 }.Where(t => t >= alertThreshold).Distinct().Order().ToArray();

    /// <summary>Restores which thresholds were already crossed, so a restart does not raise them again.</summary>
    public void Restore(IEnumerable<int> raised) => _raised.UnionWith(raised);

    public IReadOnlyList<CapacityAlert> Observe(int current, int max, int alertThreshold, DateTimeOffset now)
    {
        var percent = current * 100.0 / Math.Max(1, max);
        var alerts = new List<CapacityAlert>();
        var thresholds = ThresholdsFor(alertThreshold);
        _raised.RemoveWhere(t => percent < t);
        foreach (var threshold in thresholds)
        {
            if (percent >= threshold && _raised.Add(threshold))
            {
                alerts.Add(new CapacityAlert(now, threshold, current, max, MessageFor(threshold, current, max, percent)));
            }
        }

        return alerts;
    }

    private static string MessageFor(int threshold, int current, int max, double percent) => threshold >= 100
        ? $"Platform full: {current}/{max} bots running; new bots are refused"
        : $"Capacity above {threshold}%: {current}/{max} bots running ({percent:0.0}%)";
}
