using System.Globalization;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;

namespace OrleansBots.Monitoring.Alerts;

/// <summary>
/// Reads each batch this silo publishes and fires the threshold rules through an <see cref="AlertBook"/>:
/// CPU, memory and disk (the batch's last gauge values), and per operation the error rate and mean response
/// time, and the cache hit rate and trade success rate, each judged once enough samples were added up
/// (<see cref="SampleWindow"/>).
/// </summary>
public sealed class AlertWatch : IMetricBatchObserver
{
    private readonly AlertOptions _options;
    private readonly AlertDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertWatch> _logger;
    private readonly AlertBook _book;
    private readonly Dictionary<string, SampleWindow> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public AlertWatch(IOptions<AlertOptions> options, AlertDispatcher dispatcher, TimeProvider time, ILogger<AlertWatch> logger)
    {
        _options = options.Value;
        _dispatcher = dispatcher;
        _time = time;
        _logger = logger;
        _book = new AlertBook(_options.CooldownPeriod, time);
    }

    public void OnBatch(MetricBatch batch)
    {
        try
        {
            List<AlertRecord> fired;
            lock (_lock)
            {
                fired = Judge(batch);
            }

            foreach (var alert in fired)
            {
                _dispatcher.Dispatch(alert);
            }
        }
        catch (Exception error)
        {
            _logger.LogError(error, "Alert rules failed on the batch of {Silo}", batch.Silo);
        }
    }

    private List<AlertRecord> Judge(MetricBatch batch)
    {
        var fired = new List<AlertRecord>();
        var silo = batch.Silo;
        foreach (var reading in ResourceThresholds.Read(batch, _options))
        {
            Check(fired, silo, reading.Resource, silo, reading.Value, reading.Threshold, reading.Over,
                $"{reading.Title} at {Format(reading.Value)}% on {silo} (threshold {Format(reading.Threshold)}%)");
        }

        foreach (var calls in batch.Aggregates.Where(a => a.Name == MetricNames.OperationCount).GroupBy(a => MetricLabels.Get(a.Labels, "operation") ?? "unknown"))
        {
            var failures = calls.Where(a => MetricLabels.Get(a.Labels, "status") == "failure").Sum(a => a.Value);
            if (Judged($"error_rate|{silo}|{calls.Key}", failures, calls.Sum(a => a.Value), _options.MinOperations, batch.To) is (var bad, var total))
            {
                var percent = bad * 100 / total;
                Check(fired, silo, "error_rate", calls.Key, percent, _options.ErrorRatePercent, percent >= _options.ErrorRatePercent,
                    $"Error rate of {calls.Key} at {Format(percent)}% ({bad:0} of {total:0} calls failed; threshold {Format(_options.ErrorRatePercent)}%)");
            }
        }

        foreach (var durations in batch.Aggregates.Where(a => a.Name == MetricNames.OperationExecutionTime && a.Kind == MetricKind.Histogram)
            .GroupBy(a => MetricLabels.Get(a.Labels, "operation") ?? "unknown"))
        {
            if (Judged($"response_time|{silo}|{durations.Key}", durations.Sum(a => a.Value), durations.Sum(a => a.Count), _options.MinOperations, batch.To) is (var seconds, var count))
            {
                var mean = seconds / count;
                Check(fired, silo, "response_time", durations.Key, mean, _options.ResponseTimeSeconds, mean >= _options.ResponseTimeSeconds,
                    $"Mean response time of {durations.Key} at {mean:0.###} s over {count:0} calls (threshold {Format(_options.ResponseTimeSeconds)} s)");
            }
        }

        var hits = Sum(batch, MetricNames.CacheHits);
        var lookups = hits + Sum(batch, MetricNames.CacheMisses);
        if (Judged($"cache_hit_rate|{silo}", hits, lookups, _options.MinCacheLookups, batch.To) is (var hit, var looked))
        {
            var percent = hit * 100 / looked;
            Check(fired, silo, "cache_hit_rate", silo, percent, _options.CacheHitRatePercent, percent < _options.CacheHitRatePercent,
                $"Cache hit rate at {Format(percent)}% over {looked:0} lookups (below {Format(_options.CacheHitRatePercent)}%)");
        }

        // A trade the user's daily quota refused is policy, not a failed trade: only filled and failed count.
        var trades = batch.Aggregates.Where(a => a.Name == MetricNames.Trades).ToList();
        var filled = trades.Where(a => MetricLabels.Get(a.Labels, "status") == "filled").Sum(a => a.Value);
        var failed = trades.Where(a => MetricLabels.Get(a.Labels, "status") == "failed").Sum(a => a.Value);
        if (Judged($"trade_success_rate|{silo}", filled, filled + failed, _options.MinTrades, batch.To) is (var good, var all))
        {
            var percent = good * 100 / all;
            Check(fired, silo, "trade_success_rate", silo, percent, _options.TradeSuccessRatePercent, percent < _options.TradeSuccessRatePercent,
                $"Trade success rate at {Format(percent)}% over {all:0} trades (below {Format(_options.TradeSuccessRatePercent)}%)");
        }

        return fired;
    }

    private (double Sum, double Count)? Judged(string key, double sum, double count, int minimum, DateTimeOffset at)
    {
        if (count <= 0 && !_windows.ContainsKey(key))
        {
            return null;
        }

        if (!_windows.TryGetValue(key, out var window))
        {
            window = new SampleWindow(_options.SampleWindow);
            _windows[key] = window;
        }

        window.Add(sum, count, at);
        return window.TryTake(minimum, out var total, out var samples) ? (total, samples) : null;
    }

    private void Check(List<AlertRecord> fired, string silo, string rule, string scope, double value, double threshold, bool over, string message)
    {
        if (_book.Observe($"{rule}|{silo}|{scope}", over))
        {
            fired.Add(new AlertRecord(_time.GetUtcNow(), silo, rule, scope, AlertSeverity.Warning, Math.Round(value, 4), threshold, message));
        }
    }

    private static double Sum(MetricBatch batch, string name) => batch.Aggregates.Where(a => a.Name == name).Sum(a => a.Value);

    private static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
