using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Store;
using Polly;
using Polly.Retry;

namespace OrleansBots.Monitoring.Pipeline;

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
    private readonly Queue<MetricAggregate> _aggregates = new();
    private readonly Queue<AlertRecord> _alerts = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The batch whose write failed: written (or spilled) before anything newer, keeping the order.</summary>
    private (List<MetricAggregate> Aggregates, List<AlertRecord> Alerts)? _retry;
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
                ShouldHandle = new PredicateBuilder().Handle<Exception>(error => error is not OperationCanceledException),
            })
            .AddTimeout(attemptTimeout ?? TimeSpan.FromSeconds(10))
            .Build();
    }

    /// <summary>Rows held in memory (buffered or being written).</summary>
    public int Pending => _aggregates.Count + _alerts.Count + _inFlight + (_retry is { } retry ? retry.Aggregates.Count + retry.Alerts.Count : 0);

    public void Add(MetricBatch batch)
    {
        foreach (var aggregate in batch.Aggregates)
        {
            _aggregates.Enqueue(aggregate);
        }

        SpillOverflow();
    }

    public void Add(AlertRecord alert)
    {
        _alerts.Enqueue(alert);
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
            SpillRetry();
            _spool.Spill(Take(_aggregates, _aggregates.Count), Take(_alerts, _alerts.Count));
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
        while (_retry is not null || _aggregates.Count > 0 || _alerts.Count > 0)
        {
            var (aggregates, alerts) = _retry ?? (Take(_aggregates, _options.WriteBatchSize), Take(_alerts, _options.WriteBatchSize));
            _retry = null;
            _inFlight = aggregates.Count + alerts.Count;
            var written = await TryWriteAsync(aggregates, alerts, cancellationToken);
            _inFlight = 0;
            if (!written)
            {
                _retry = (aggregates, alerts);
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

    /// <summary>Beyond the memory bound the oldest rows go to disk, down to half the bound, keeping the newest in memory.</summary>
    private void SpillOverflow()
    {
        if (Pending <= _options.MaxBufferedRows)
        {
            return;
        }

        SpillRetry();
        var spill = Math.Min(_aggregates.Count, Math.Max(Pending - (_options.MaxBufferedRows / 2), 0));
        var aggregates = Take(_aggregates, spill);
        var alerts = Pending > _options.MaxBufferedRows ? Take(_alerts, _alerts.Count) : [];
        _spool.Spill(aggregates, alerts);
    }

    private void SpillRetry()
    {
        if (_retry is { } retry)
        {
            _spool.Spill(retry.Aggregates, retry.Alerts);
            _retry = null;
        }
    }

    private static List<T> Take<T>(Queue<T> from, int count)
    {
        var taken = new List<T>(Math.Min(count, from.Count));
        while (taken.Count < count && from.TryDequeue(out var item))
        {
            taken.Add(item);
        }

        return taken;
    }
}
