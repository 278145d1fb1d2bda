using Microsoft.Extensions.Logging;
using OrleansBots.Alerts;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansBots.Metrics;

/// <summary>
/// The writer's logic, without Orleans: buffers rows, writes them to the store in batches with retries,
/// keeps them through an outage (memory up to <see cref="MetricsOptions.MaxBufferedRows"/>, then the spool),
/// and replays the spool once the store answers again. Not thread-safe: its grain calls it one turn at a time.
/// </summary>
public sealed class MetricsWriter
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly IMetricStore _store;
    private readonly MetricSpool _spool;
    private readonly MetricsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly List<MetricAggregate> _aggregates = [];
    private readonly List<AlertRecord> _alerts = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _inFlight;
    private Task _flushing = Task.CompletedTask;
    private DateTimeOffset _nextAttempt = DateTimeOffset.MinValue;
    private TimeSpan _backoff;
    private long _failedSince;
    private bool _storeDown;

    public MetricsWriter(IMetricStore store, MetricSpool spool, MetricsOptions options, TimeProvider time, ILogger logger, TimeSpan? attemptTimeout = null)
    {
        _store = store;
        _spool = spool;
        _options = options;
        _time = time;
        _logger = logger;
        _backoff = options.FlushInterval;

        // Quick retries cover a blip; a longer outage is the backoff between flushes, with the rows kept meanwhile.
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(error => error is not OperationCanceledException || error is TimeoutRejectedException),
            })
            .AddTimeout(attemptTimeout ?? TimeSpan.FromSeconds(10))
            .Build();
    }

    /// <summary>Rows held in memory (buffered or being written).</summary>
    public int Pending => _aggregates.Count + _alerts.Count + _inFlight;

    public bool StoreDown => _storeDown;

    public void Add(MetricBatch batch)
    {
        _aggregates.AddRange(batch.Aggregates);
        SpillOverflow();
    }

    public void Add(AlertRecord alert)
    {
        _alerts.Add(alert);
        SpillOverflow();
    }

    /// <summary>Writes what is buffered, then replays the spool; one flush at a time, and none before the backoff after a failure.</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_flushing.IsCompleted || _time.GetUtcNow() < _nextAttempt || _stopping.IsCancellationRequested)
        {
            return _flushing;
        }

        _flushing = FlushOnceAsync(cancellationToken);
        return _flushing;
    }

    /// <summary>For a deactivation or shutdown: one last try to write everything, then whatever is left goes to the spool.</summary>
    public async Task DrainAsync(TimeSpan within)
    {
        // A flush stuck in retries ends now and puts its rows back; the last try below has its own deadline.
        await _stopping.CancelAsync();
        await _flushing;
        using var deadline = new CancellationTokenSource(within);
        if (Pending > 0)
        {
            _nextAttempt = DateTimeOffset.MinValue;
            _flushing = WriteBufferAsync(deadline.Token);
            await _flushing;
        }

        if (Pending > 0)
        {
            var rows = Pending;
            _spool.Spill(_aggregates.ToList(), _alerts.ToList());
            _aggregates.Clear();
            _alerts.Clear();
            _logger.LogWarning("Metrics writer stopping with the store unreachable: {Rows} rows spilled to {Directory}", rows, _spool.Directory);
        }
    }

    private async Task FlushOnceAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        if (await WriteBufferAsync(linked.Token))
        {
            await ReplaySpoolAsync(linked.Token);
        }
    }

    private async Task<bool> WriteBufferAsync(CancellationToken cancellationToken)
    {
        while (_aggregates.Count > 0 || _alerts.Count > 0)
        {
            var aggregates = Take(_aggregates, _options.WriteBatchSize);
            var alerts = Take(_alerts, _options.WriteBatchSize);
            _inFlight = aggregates.Count + alerts.Count;
            var written = await TryWriteAsync(aggregates, alerts, cancellationToken);
            _inFlight = 0;
            if (!written)
            {
                // Back at the front, in order, for the next attempt.
                _aggregates.InsertRange(0, aggregates);
                _alerts.InsertRange(0, alerts);
                SpillOverflow();
                return false;
            }
        }

        return true;
    }

    private async Task ReplaySpoolAsync(CancellationToken cancellationToken)
    {
        while (_spool.Claim() is { } path)
        {
            List<MetricAggregate> aggregates;
            List<AlertRecord> alerts;
            try
            {
                (aggregates, alerts) = _spool.Read(path);
            }
            catch (Exception error) when (error is IOException or System.Text.Json.JsonException)
            {
                _spool.Release(path);
                _logger.LogError(error, "Metrics spool file {File} could not be read; it is kept for inspection", path);
                return;
            }

            for (var start = 0; start < Math.Max(aggregates.Count, 1); start += _options.WriteBatchSize)
            {
                var chunk = aggregates.GetRange(start, Math.Min(_options.WriteBatchSize, aggregates.Count - start));
                if (!await TryWriteAsync(chunk, start == 0 ? alerts : [], cancellationToken))
                {
                    // Rows of this file already written are written again on the next replay; the store ignores them.
                    _spool.Release(path);
                    return;
                }
            }

            _spool.Complete(path);
            _logger.LogInformation("Replayed {Rows} spilled metric rows from {File}", aggregates.Count + alerts.Count, Path.GetFileName(path));
        }
    }

    private async Task<bool> TryWriteAsync(List<MetricAggregate> aggregates, List<AlertRecord> alerts, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.ExecuteAsync(async token => await _store.WriteAsync(aggregates, alerts, token), cancellationToken);
            if (_storeDown)
            {
                _logger.LogInformation("Metric store answers again after {Failures} failed writes; writing the buffered rows", _failedSince);
            }

            _storeDown = false;
            _failedSince = 0;
            _backoff = _options.FlushInterval;
            return true;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _failedSince++;
            _nextAttempt = _time.GetUtcNow() + _backoff;
            _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks));
            if (!_storeDown)
            {
                _logger.LogWarning("Metric store unreachable ({Error}); keeping rows in memory (up to {Max}, then spilling to disk) and retrying", error.Message, _options.MaxBufferedRows);
            }

            _storeDown = true;
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Beyond the memory bound the oldest rows go to disk, keeping the newest in memory for the next write.</summary>
    private void SpillOverflow()
    {
        if (Pending <= _options.MaxBufferedRows)
        {
            return;
        }

        var spill = Math.Min(_aggregates.Count, Math.Max(Pending - _options.MaxBufferedRows / 2, 0));
        var aggregates = Take(_aggregates, spill);
        var alerts = Pending > _options.MaxBufferedRows ? Take(_alerts, _alerts.Count) : [];
        _spool.Spill(aggregates, alerts);
    }

    private static List<T> Take<T>(List<T> from, int count)
    {
        count = Math.Min(count, from.Count);
        var taken = from.GetRange(0, count);
        from.RemoveRange(0, count);
        return taken;
    }
}
