using System.Globalization;

namespace OrleansBots.Benchmarks;

/// <summary>
/// The few series the density benchmark reads from a silo's <c>/metrics</c> page (Prometheus text format): the sum
/// of a counter over matching label sets, and a histogram's cumulative buckets.
/// </summary>
public sealed class PrometheusText(string text)
{
    /// <summary>The sum of every sample of <paramref name="metric"/> whose labels contain all of <paramref name="labels"/>.</summary>
    public double Sum(string metric, params string[] labels) =>
        Samples(metric).Where(s => labels.All(s.Labels.Contains)).Sum(s => s.Value);

    /// <summary>Cumulative bucket counts by upper bound (+Inf last) of the histogram <paramref name="metric"/>, summed over label sets.</summary>
    public SortedDictionary<double, double> Buckets(string metric)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (var sample in Samples(metric + "_bucket"))
        {
            var start = sample.Labels.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var bound = sample.Labels[start..sample.Labels.IndexOf('"', start)];
            var upper = bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture);
            buckets[upper] = buckets.GetValueOrDefault(upper) + sample.Value;
        }

        return buckets;
    }

    /// <summary>
    /// The percentile of the observations made between two readings of one histogram, interpolated linearly inside
    /// its bucket (the precision is the bucket's width), in milliseconds.
    /// </summary>
    public static double PercentileMs(SortedDictionary<double, double> before, SortedDictionary<double, double> after, double percent)
    {
        var bounds = after.Keys.ToList();
        var counts = bounds.Select(b => after[b] - before.GetValueOrDefault(b)).ToList();
        var total = counts[^1];
        if (total <= 0)
        {
            return double.NaN;
        }

        var rank = percent / 100 * total;
        var lower = 0.0;
        var below = 0.0;
        for (var i = 0; i < bounds.Count; i++)
        {
            if (counts[i] >= rank)
            {
                var upper = double.IsInfinity(bounds[i]) ? lower : bounds[i];
                var inBucket = counts[i] - below;
                var fraction = inBucket <= 0 ? 1 : (rank - below) / inBucket;
                return 1000 * (lower + (upper - lower) * fraction);
            }

            (lower, below) = (bounds[i], counts[i]);
        }

        return 1000 * lower;
    }

    private IEnumerable<(string Labels, double Value)> Samples(string metric)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length <= metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }

            var labelsEnd = line.LastIndexOf('}');
            var labels = labelsEnd < 0 ? "" : line[metric.Length..(labelsEnd + 1)];
            var value = line[(labelsEnd < 0 ? metric.Length : labelsEnd + 1)..].Trim().Split(' ')[0];
            yield return (labels, double.Parse(value, CultureInfo.InvariantCulture));
        }
    }
}
