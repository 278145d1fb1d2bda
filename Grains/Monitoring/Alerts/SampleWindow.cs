namespace OrleansBots.Monitoring.Alerts;

/// <summary>
/// Adds up a rate's parts (failures of calls, seconds of observations, ...) over intervals until there are
/// enough samples to judge it; a window that does not fill within its age limit starts over.
/// </summary>
public sealed class SampleWindow(TimeSpan maxAge)
{
    private DateTimeOffset _started;

    public double Sum { get; private set; }

    public double Count { get; private set; }

    public void Add(double sum, double count, DateTimeOffset at)
    {
        if (Count == 0 || at - _started > maxAge)
        {
            (_started, Sum, Count) = (at, 0, 0);
        }

        Sum += sum;
        Count += count;
    }

    /// <summary>The window's sum and count once it holds at least <paramref name="minimum"/> samples; it then starts over.</summary>
    public bool TryTake(double minimum, out double sum, out double count)
    {
        (sum, count) = (Sum, Count);
        if (Count < minimum)
        {
            return false;
        }

        (Sum, Count) = (0, 0);
        return true;
    }
}
