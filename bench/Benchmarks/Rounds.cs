namespace OrleansBots.Benchmarks;

/// <summary>How benchmarks summarize rounds and record the machine's load: the median round, not the best one.</summary>
public static class Rounds
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The load averages over 1, 5 and 15 minutes (/proc/loadavg), to print beside figures of a shared machine.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
