using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrleansBots.Monitoring.Query;

namespace OrleansBots.Monitoring.Measuring;

/// <summary>
/// The series of one instrument, found by their raw tags without allocating. The number of series is bounded:
/// measurements of new label sets past <see cref="MaxSeries"/> are dropped and counted, so a label fed with
/// unbounded values (an id) cannot exhaust memory.
/// </summary>
public sealed class InstrumentSeries
{
    public const int MaxSeries = 2000;

    // A series that saw nothing for this many drains in a row is forgotten (its label set may never occur again).
    private const int RetireAfterIdleDrains = 30;

    private readonly ConcurrentDictionary<LabelSet, SeriesAccumulator> _series = new(LabelSet.Comparer.Instance);
    private readonly ConcurrentDictionary<LabelSet, SeriesAccumulator>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _byTags;
    private readonly bool _secondsBuckets;
    private long _dropped;

    public InstrumentSeries(Instrument instrument)
    {
        Name = instrument.Name;
        Shape = ShapeOf(instrument);
        _secondsBuckets = Shape == InstrumentShape.Histogram && instrument.Unit == "s";
        _byTags = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
    }

    public string Name { get; }

    public InstrumentShape Shape { get; }

    /// <summary>Set when the instrument's meter was disposed: the next drain is its last.</summary>
    public bool Completed { get; set; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        while (true)
        {
            if (!_byTags.TryGetValue(tags, out var series))
            {
                if (_series.Count >= MaxSeries)
                {
                    Interlocked.Increment(ref _dropped);
                    return;
                }

                series = new SeriesAccumulator(Shape, _secondsBuckets);
                if (!_byTags.TryAdd(tags, series))
                {
                    continue;
                }
            }

            if (series.Record(value))
            {
                return;
            }
        }
    }

    /// <summary>Adds this instrument's aggregates of the interval to <paramref name="into"/>; returns the measurements dropped meanwhile.</summary>
    public long Drain(DateTimeOffset at, string silo, List<MetricAggregate> into)
    {
        foreach (var (labels, series) in _series)
        {
            if (series.Drain(at, silo, Name, labels.Json, RetireAfterIdleDrains, out var retired) is { } aggregate)
            {
                into.Add(aggregate);
            }

            if (retired)
            {
                _series.TryRemove(new KeyValuePair<LabelSet, SeriesAccumulator>(labels, series));
            }
        }

        return Interlocked.Exchange(ref _dropped, 0);
    }

    private static InstrumentShape ShapeOf(Instrument instrument)
    {
        var type = instrument.GetType();
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return generic switch
        {
            _ when generic == typeof(Counter<>) => InstrumentShape.Counter,
            _ when generic == typeof(ObservableCounter<>) => InstrumentShape.CumulativeCounter,
            _ when generic == typeof(Gauge<>) => InstrumentShape.Gauge,
            _ when generic == typeof(UpDownCounter<>) => InstrumentShape.RunningTotal,
            _ when generic == typeof(Histogram<>) => InstrumentShape.Histogram,
            _ => InstrumentShape.ObservedGauge,
        };
    }
}
