using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Monitoring.Query;

/// <summary>
/// The measurements of one series (instrument + labels) since the last drain. One small lock per series: only
/// measurements of the same series contend, and a drain swaps the interval out atomically.
/// </summary>
public sealed class SeriesAccumulator(InstrumentShape shape, bool secondsBuckets)
{
    private readonly Lock _gate = new();
    private long[]? _buckets = secondsBuckets ? new long[HistogramBounds.Seconds.Length + 1] : null;
    private long _count;
    private double _sum;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _last;
    private bool _hasLast;
    private double _runningTotal;
    private double? _previousCumulative;
    private int _idleDrains;
    private bool _retired;

    /// <summary>Adds one measurement; false when the series was retired meanwhile (the caller looks it up again).</summary>
    public bool Record(double value)
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            switch (shape)
            {
                case InstrumentShape.CumulativeCounter:
                    // A total lower than the last one means the source restarted: count from zero again.
                    var increase = _previousCumulative is { } previous && value >= previous ? value - previous : value;
                    _previousCumulative = value;
                    Add(increase);
                    break;
                case InstrumentShape.RunningTotal:
                    _runningTotal += value;
                    Add(_runningTotal);
                    _last = _runningTotal;
                    _hasLast = true;
                    break;
                case InstrumentShape.Gauge or InstrumentShape.ObservedGauge:
                    Add(value);
                    _last = value;
                    _hasLast = true;
                    break;
                default:
                    Add(value);
                    if (_buckets is not null)
                    {
                        _buckets[BucketOf(value)]++;
                    }

                    break;
            }

            return true;
        }
    }

    /// <summary>
    /// The interval's aggregate, or null when there is nothing to report, and starts the next interval. A series
    /// idle for <paramref name="retireAfter"/> drains in a row is retired (true in <paramref name="retired"/>) so
    /// that label sets that stopped occurring do not pile up; a gauge set by code is kept.
    /// </summary>
    public MetricAggregate? Drain(DateTimeOffset at, string silo, string name, string labels, int retireAfter, out bool retired)
    {
        lock (_gate)
        {
            retired = false;
            if (_count == 0)
            {
                if (shape is InstrumentShape.Gauge or InstrumentShape.RunningTotal && _hasLast)
                {
                    return new MetricAggregate(at, silo, name, labels, MetricKind.Gauge, _last, 0, _last, _last, null);
                }

                if (shape != InstrumentShape.CumulativeCounter && ++_idleDrains >= retireAfter)
                {
                    _retired = true;
                    retired = true;
                }

                return null;
            }

            _idleDrains = 0;
            var aggregate = shape switch
            {
                InstrumentShape.Counter or InstrumentShape.CumulativeCounter => new MetricAggregate(at, silo, name, labels, MetricKind.Counter, _sum, _count, _min, _max, null),
                InstrumentShape.Histogram => new MetricAggregate(at, silo, name, labels, MetricKind.Histogram, _sum, _count, _min, _max, _buckets?.ToArray()),
                _ => new MetricAggregate(at, silo, name, labels, MetricKind.Gauge, _last, _count, _min, _max, null),
            };
            _count = 0;
            _sum = 0;
            _min = double.PositiveInfinity;
            _max = double.NegativeInfinity;
            if (_buckets is not null)
            {
                Array.Clear(_buckets);
            }

            return aggregate;
        }
    }

    /// <summary>The bucket of <paramref name="seconds"/>: the first bound it does not exceed, else the open bucket.</summary>
    public static int BucketOf(double seconds)
    {
        var bounds = HistogramBounds.Seconds;
        var index = Array.BinarySearch(bounds, seconds);
        return index >= 0 ? index : ~index;
    }

    private void Add(double value)
    {
        _count++;
        _sum += value;
        if (value < _min)
        {
            _min = value;
        }

        if (value > _max)
        {
            _max = value;
        }
    }
}
