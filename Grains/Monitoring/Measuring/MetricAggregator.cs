using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrleansBots.Monitoring.Pipeline;

namespace OrleansBots.Monitoring.Measuring;

/// <summary>
/// Pre-aggregates every measurement of this silo's <c>OrleansBots*</c> meters per series (instrument + labels):
/// counters add up their increase, gauges keep their last value with min and max, histograms keep sum, count,
/// min, max and, for seconds, the counts per <see cref="HistogramBounds.Seconds"/> bucket. <see cref="Collect"/>
/// observes the observable instruments and drains one interval into a <see cref="MetricBatch"/>.
/// Meters made by another service provider's meter factory (another silo in the same process) are ignored.
/// </summary>
public sealed class MetricAggregator : IMetricBatchSource, IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _instruments = new();
    private readonly Lock _collecting = new();
    private readonly IMeterFactory _meters;
    private readonly IServiceProvider _services;
    private string? _silo;
    private DateTimeOffset _from;

    public MetricAggregator(IMeterFactory meters, IServiceProvider services, TimeProvider time)
    {
        _meters = meters;
        _services = services;
        _from = time.GetUtcNow();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (IsOurs(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument, _instruments.GetOrAdd(instrument, static i => new InstrumentSeries(i)));
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) =>
        {
            if (_instruments.TryGetValue(instrument, out var series))
            {
                series.Completed = true;
            }
        };
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>This silo's name (Orleans' silo name, else the machine name), as stamped on every aggregate.</summary>
    public string Silo => _silo ??= _services.GetService<ILocalSiloDetails>()?.Name is { Length: > 0 } name ? name : Environment.MachineName;

    public MetricBatch Collect(DateTimeOffset now)
    {
        lock (_collecting)
        {
            _listener.RecordObservableInstruments();
            var aggregates = new List<MetricAggregate>();
            long dropped = 0;
            foreach (var (instrument, series) in _instruments)
            {
                dropped += series.Drain(now, Silo, aggregates);
                if (series.Completed)
                {
                    _instruments.TryRemove(instrument, out _);
                }
            }

            if (dropped > 0)
            {
                aggregates.Add(new MetricAggregate(now, Silo, MetricNames.MetricsDropped, """{"reason":"series_limit"}""", MetricKind.Counter, dropped, dropped, 1, 1, null));
            }

            aggregates.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Labels, b.Labels));
            var batch = new MetricBatch(Silo, _from, now, aggregates);
            _from = now;
            return batch;
        }
    }

    public void Dispose() => _listener.Dispose();

    private bool IsOurs(Meter meter) =>
        meter.Name.StartsWith(MetricNames.MeterPrefix, StringComparison.Ordinal) && (meter.Scope is null || ReferenceEquals(meter.Scope, _meters));
}
