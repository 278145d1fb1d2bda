using System.Diagnostics;

namespace OrleansBots.Benchmarks;

/// <summary>Latency samples in <see cref="Stopwatch"/> ticks, read as percentiles in milliseconds.</summary>
public sealed class Latencies
{
    private readonly List<long> _ticks;

    public Latencies(int capacity = 1024) => _ticks = new List<long>(capacity);

    public int Count => _ticks.Count;

    public void Add(long ticks) => _ticks.Add(ticks);

    public static Latencies Merge(IEnumerable<Latencies> parts)
    {
        var all = new Latencies();
        foreach (var part in parts)
        {
            all._ticks.AddRange(part._ticks);
        }

        return all;
    }

    /// <summary>The <paramref name="percent"/>-th percentile (nearest rank), in milliseconds.</summary>
    public double PercentileMs(double percent)
    {
        if (_ticks.Count == 0)
        {
            return double.NaN;
        }

        _ticks.Sort();
        var rank = (int)Math.Ceiling(percent / 100.0 * _ticks.Count) - 1;
        return ToMs(_ticks[Math.Clamp(rank, 0, _ticks.Count - 1)]);
    }

    public double MaxMs() => _ticks.Count == 0 ? double.NaN : ToMs(_ticks.Max());

    public static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
