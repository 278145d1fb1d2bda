namespace OrleansBots.Capacity;

/// <summary>Turns a count of running bots into the monitoring contract's numbers and status.</summary>
public static class CapacityLevels
{
    public static CapacityStatus StatusOf(double percentUsed) => percentUsed switch
    {
        >= 100 => CapacityStatus.Full,
        >= 80 => CapacityStatus.Warning,
        >= 50 => CapacityStatus.Healthy,
        _ => CapacityStatus.Low,
    };

    /// <summary>
    /// Percent in tenths, rounded down, so the number shown never reaches a threshold the status has not
    /// (2499/2500 shows 99.9 and WARNING, not 100.0).
    /// </summary>
    public static double PercentOf(int current, int max) =>
        max <= 0 ? 100 : current * 1000L / max / 10.0;

    public static CapacitySnapshot Snapshot(int current, int max)
    {
        var percent = PercentOf(current, max);
        return new CapacitySnapshot(
            current,
            max,
            percent,
            Math.Max(0, max - current),
            StatusOf(current * 100.0 / Math.Max(1, max)),
            current < max);
    }
}
