using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;

namespace OrleansBots.Monitoring.Bottlenecks;

/// <summary>
/// Finds this silo's bottlenecks in the batches it publishes. An operation is slow when its mean duration in
/// the last interval (sum / count of <c>operation_execution_time</c>) is over <see cref="SlowFactor"/> times its
/// running mean: the mean of all earlier observations with each interval's weight decayed by
/// <see cref="Decay"/> (so the baseline follows the last few minutes, not the whole life of the silo). It is
/// judged only after <see cref="MinBaselineIntervals"/> intervals and <see cref="MinBaselineCalls"/> calls of
/// baseline and with at least <see cref="MinRecentCalls"/> calls in the interval. Resources (CPU, memory,
/// disk) are bottlenecks at or over their alert thresholds.
/// </summary>
public sealed class BottleneckFinder(IOptions<AlertOptions> options) : IMetricBatchObserver
{
    public const double SlowFactor = 2;
    public const double Decay = 0.9;
    public const int MinBaselineIntervals = 5;
    public const int MinBaselineCalls = 20;
    public const int MinRecentCalls = 5;

    private readonly AlertOptions _options = options.Value;
    private readonly Dictionary<string, Baseline> _baselines = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private BottleneckReport _report = new(null, null, [], []);

    public BottleneckReport Report
    {
        get
        {
            lock (_lock)
            {
                return _report;
            }
        }
    }

    public void OnBatch(MetricBatch batch)
    {
        lock (_lock)
        {
            _report = new BottleneckReport(batch.Silo, batch.To, SlowOperations(batch), OverloadedResources(batch));
        }
    }

    private List<OperationBottleneck> SlowOperations(MetricBatch batch)
    {
        var slow = new List<OperationBottleneck>();
        var seen = batch.Aggregates
            .Where(a => a.Name == MetricNames.OperationExecutionTime && a.Kind == MetricKind.Histogram)
            .GroupBy(a => MetricLabels.Get(a.Labels, "operation") ?? "unknown");
        foreach (var operation in seen)
        {
            var (sum, count) = (operation.Sum(a => a.Value), operation.Sum(a => a.Count));
            if (count == 0)
            {
                continue;
            }

            if (!_baselines.TryGetValue(operation.Key, out var baseline))
            {
                baseline = new Baseline();
                _baselines[operation.Key] = baseline;
            }

            var recent = sum / count;
            if (baseline.Intervals >= MinBaselineIntervals && baseline.Calls >= MinBaselineCalls && count >= MinRecentCalls
                && recent > SlowFactor * baseline.Mean)
            {
                slow.Add(new OperationBottleneck(operation.Key, recent, baseline.Mean, Math.Round(recent / baseline.Mean, 2), count, batch.To));
            }

            baseline.Add(sum, count);
        }

        return slow.OrderByDescending(s => s.Ratio).ToList();
    }

    private List<ResourceBottleneck> OverloadedResources(MetricBatch batch) =>
        ResourceThresholds.Read(batch, _options)
            .Where(r => r.Over)
            .Select(r => new ResourceBottleneck(r.Resource, r.Value, r.Threshold, batch.To))
            .ToList();

    private sealed class Baseline
    {
        private double _sum;
        private double _count;

        public int Intervals { get; private set; }

        public long Calls { get; private set; }

        public double Mean => _sum / _count;

        public void Add(double sum, long count)
        {
            _sum = (_sum * Decay) + sum;
            _count = (_count * Decay) + count;
            Intervals++;
            Calls += count;
        }
    }
}
