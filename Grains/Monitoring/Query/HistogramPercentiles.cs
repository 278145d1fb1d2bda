using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Monitoring.Query;

/// <summary>Percentiles estimated from bucket counts over <see cref="HistogramBounds.Seconds"/>, linear inside a bucket.</summary>
public static class HistogramPercentiles
{
    /// <param name="quantile">0..1, e.g. 0.95.</param>
    /// <param name="min">Smallest observation: the lower edge of the first used bucket.</param>
    /// <param name="max">Largest observation: the upper edge of the open bucket, and a cap for every estimate.</param>
    public static double? Estimate(IReadOnlyList<long> buckets, double quantile, double min, double max)
    {
        var bounds = HistogramBounds.Seconds;
        var total = buckets.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = quantile * total;
        long below = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            if (buckets[i] == 0 || below + buckets[i] < rank)
            {
                below += buckets[i];
                continue;
            }

            var lower = Math.Max(i == 0 ? 0 : bounds[i - 1], min);
            var upper = Math.Min(i < bounds.Length ? bounds[i] : max, max);
            if (upper < lower)
            {
                upper = lower;
            }

            var fraction = (rank - below) / buckets[i];
            return lower + ((upper - lower) * Math.Clamp(fraction, 0, 1));
        }

        return max;
    }
}
