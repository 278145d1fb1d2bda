namespace OrleansBots.Monitoring.Measuring;

/// <summary>The bucket upper bounds every duration histogram shares, so aggregates from any silo and interval merge.</summary>
public static class HistogramBounds
{
    /// <summary>Seconds; a last, open bucket (+Inf) follows, so a histogram has <c>Seconds.Length + 1</c> counts.</summary>
    public static readonly double[] Seconds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
}
