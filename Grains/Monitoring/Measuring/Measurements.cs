using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OrleansBots.Monitoring.Measuring;

/// <summary>
/// The one way any code records a measurement, over the <c>OrleansBots</c> meter: timed operations
/// (<c>operation_execution_time</c> seconds + <c>operation_count</c> by status), custom values, counters and
/// gauges with labels. Instruments are created once per name and cached; recording allocates nothing for up to
/// eight labels (they travel as a span), so it is cheap on the bot tick path. Thread-safe; one per silo.
/// </summary>
public sealed class Measurements : IDisposable
{
    public const string MeterName = MetricNames.MeterPrefix;

    private const string Success = "success";
    private const string Failure = "failure";

    private static readonly InstrumentAdvice<double> SecondsAdvice = new() { HistogramBucketBoundaries = HistogramBounds.Seconds };

    private readonly Meter _meter;
    private readonly TimeProvider _time;
    private readonly Histogram<double> _executionTime;
    private readonly Counter<long> _operationCount;
    private readonly ConcurrentDictionary<string, Counter<long>> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Histogram<double>> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Histogram<double>> _durations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Gauge<double>> _gauges = new(StringComparer.Ordinal);

    public Measurements(IMeterFactory meters, TimeProvider time)
    {
        _meter = meters.Create(MeterName);
        _time = time;
        _executionTime = _meter.CreateHistogram(MetricNames.OperationExecutionTime, "s", "Duration of timed operations", advice: SecondsAdvice);
        _operationCount = _meter.CreateCounter<long>(MetricNames.OperationCount, null, "Timed operations by status (success, failure)");
    }

    /// <summary>The meter the platform's own instruments live on.</summary>
    public Meter Meter => _meter;

    /// <summary>
    /// Starts timing <paramref name="operation"/>; disposing records it, as a failure if <see cref="OperationTiming.Fail"/>
    /// was called: <c>using var timing = measurements.Time("bot_tick"); ... timing.Fail();</c>
    /// </summary>
    public OperationTiming Time(string operation) => new(this, operation, _time.GetTimestamp());

    /// <summary>Runs and times <paramref name="work"/>; an exception records a failure and is rethrown.</summary>
    public async Task TrackAsync(string operation, Func<Task> work)
    {
        var started = _time.GetTimestamp();
        try
        {
            await work();
        }
        catch
        {
            RecordOperation(operation, _time.GetElapsedTime(started), succeeded: false);
            throw;
        }

        RecordOperation(operation, _time.GetElapsedTime(started), succeeded: true);
    }

    /// <summary>Runs and times <paramref name="work"/> and returns its result; an exception records a failure and is rethrown.</summary>
    public async Task<T> TrackAsync<T>(string operation, Func<Task<T>> work)
    {
        var started = _time.GetTimestamp();
        T result;
        try
        {
            result = await work();
        }
        catch
        {
            RecordOperation(operation, _time.GetElapsedTime(started), succeeded: false);
            throw;
        }

        RecordOperation(operation, _time.GetElapsedTime(started), succeeded: true);
        return result;
    }

    /// <summary>A timestamp to pass to <see cref="RecordOperation(string, long, bool)"/>: timing without an object.</summary>
    public long StartTimestamp() => _time.GetTimestamp();

    /// <summary>Records an operation that started at <paramref name="startTimestamp"/> (from <see cref="StartTimestamp"/>).</summary>
    public void RecordOperation(string operation, long startTimestamp, bool succeeded) =>
        RecordOperation(operation, _time.GetElapsedTime(startTimestamp), succeeded);

    /// <summary>Records one timed operation: its duration and its outcome.</summary>
    public void RecordOperation(string operation, TimeSpan elapsed, bool succeeded)
    {
        var tag = new KeyValuePair<string, object?>("operation", operation);
        _executionTime.Record(elapsed.TotalSeconds, tag);
        _operationCount.Add(1, tag, new KeyValuePair<string, object?>("status", succeeded ? Success : Failure));
    }

    /// <summary>A custom value (the seed's <c>track_metric</c>), aggregated as a distribution: sum, count, min, max.</summary>
    public void TrackMetric(string name, double value, params ReadOnlySpan<KeyValuePair<string, object?>> labels) =>
        Instrument(_values, name, static (meter, n) => meter.CreateHistogram<double>(n, null, MetricNames.DescriptionOf(n))).Record(value, labels);

    /// <summary>A duration in seconds (unit <c>s</c>: Prometheus shows <c>NAME_seconds</c>, the aggregator keeps buckets).</summary>
    public void TrackDuration(string name, TimeSpan elapsed, params ReadOnlySpan<KeyValuePair<string, object?>> labels) =>
        Instrument(_durations, name, static (meter, n) => meter.CreateHistogram(n, "s", MetricNames.DescriptionOf(n), advice: SecondsAdvice)).Record(elapsed.TotalSeconds, labels);

    /// <summary>Adds <paramref name="delta"/> (not negative) to the counter <paramref name="name"/>.</summary>
    public void Count(string name, long delta = 1, params ReadOnlySpan<KeyValuePair<string, object?>> labels) =>
        Instrument(_counters, name, static (meter, n) => meter.CreateCounter<long>(n, null, MetricNames.DescriptionOf(n))).Add(delta, labels);

    /// <summary>Sets the gauge <paramref name="name"/>: its last value is what counts.</summary>
    public void SetGauge(string name, double value, params ReadOnlySpan<KeyValuePair<string, object?>> labels) =>
        Instrument(_gauges, name, static (meter, n) => meter.CreateGauge<double>(n, null, MetricNames.DescriptionOf(n))).Record(value, labels);

    public void Dispose() => _meter.Dispose();

    private T Instrument<T>(ConcurrentDictionary<string, T> cache, string name, Func<Meter, string, T> create)
        where T : Instrument
    {
        if (cache.TryGetValue(name, out var instrument))
        {
            return instrument;
        }

        if (!MetricNames.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid metric name (letters, digits and '_', not starting with a digit, at most 100)", nameof(name));
        }

        return cache.GetOrAdd(name, static (n, state) => state.create(state.meter, n), (meter: _meter, create));
    }
}
