namespace OrleansBots.Market.Egress;

/// <summary>The last N round-trip times in milliseconds, for average, min, max and percentiles. Not thread-safe.</summary>
public sealed class LatencyWindow(int capacity)
{
    private readonly double[] _samples = new double[capacity];
    private int _count;
    private int _next;

    public double Average => _count == 0 ? 0 : Samples().Average();

    public double Min => _count == 0 ? 0 : Samples().Min();

    public double Max => _count == 0 ? 0 : Samples().Max();

    public void Add(double milliseconds)
    {
        _samples[_next] = milliseconds;
        _next = (_next + 1) % _samples.Length;
        _count = Math.Min(_count + 1, _samples.Length);
    }

    /// <summary>The nearest-rank percentile (0 &lt; <paramref name="fraction"/> ≤ 1) of the kept samples.</summary>
    public double Percentile(double fraction)
    {
        if (_count == 0)
        {
            return 0;
        }

        var sorted = Samples().Order().ToArray();
        var rank = (int)Math.Ceiling(fraction * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    private IEnumerable<double> Samples() => _samples.Take(_count);
}
