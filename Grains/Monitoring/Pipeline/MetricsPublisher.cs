using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;
using OrleansBots.Hardware;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Monitoring.Pipeline;

/// <summary>
/// Every <see cref="MetricsOptions.IntervalSeconds"/> collects this silo's aggregates, tells the observers
/// (alerts, bottlenecks) and publishes the batch on the <c>metrics</c> stream keyed by the silo's name; fired
/// alerts go out on the <c>alerts</c> stream as soon as they come. Runs on its own task: bot ticks never wait
/// on it. Over the CPU target it publishes less often. On a graceful stop it hands the last batch straight to
/// the writer and waits until it is written or spilled.
/// </summary>
public sealed class MetricsPublisher(
    IMetricBatchSource source,
    IEnumerable<IMetricBatchObserver> observers,
    IClusterClient client,
    ILocalSiloDetails silo,
    AlertOutbox alerts,
    PipelineInstruments instruments,
    IOptions<MetricsOptions> options,
    TimeProvider time,
    ILogger<MetricsPublisher> logger,
    ISiloLoad? load = null) : BackgroundService
{
    /// <summary>Batches kept for the next round when the stream refused them (e.g. while the silo joins).</summary>
    private const int MaxUnsent = 360;

    private readonly List<MetricBatch> _unsent = [];
    private readonly List<AlertRecord> _unsentAlerts = [];
    private readonly IMetricBatchObserver[] _observers = observers.ToArray();
    private DateTimeOffset _lastPublished;
    private bool _writerAwake;

    private string SiloName => silo.Name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WakeAtStartAsync(stoppingToken);
        var interval = options.Value.Interval;
        _lastPublished = time.GetUtcNow();
        var nextTick = _lastPublished + interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = nextTick - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                using var woken = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(wait, time, woken.Token);
                var alert = alerts.WaitAsync(woken.Token).AsTask();
                await Task.WhenAny(delay, alert);
                await woken.CancelAsync();
                await Task.WhenAll(delay, alert).ContinueWith(_ => { }, TaskScheduler.Default);
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }

            await PublishAlertsAsync();
            var now = time.GetUtcNow();
            if (now >= nextTick)
            {
                nextTick = now + interval;
                await TickAsync(now);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var batches = _unsent.ToList();
        if (Collect(time.GetUtcNow()) is { } last)
        {
            batches.Add(last);
        }

        var pendingAlerts = _unsentAlerts.Concat(alerts.TakeAll()).ToList();
        try
        {
            // Straight to the writer, not through the stream: the stream's queue stops with the silo.
            await Writer().Drain(batches, pendingAlerts).WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
            logger.LogInformation("Metrics: last {Rows} aggregates of {Silo} handed to the writer", batches.Sum(b => b.Aggregates.Count), SiloName);
        }
        catch (Exception error) when (error is OrleansException or TimeoutException or OperationCanceledException)
        {
            logger.LogError("Metrics: the last aggregates of {Silo} could not be handed to the writer: {Error}", SiloName, error.Message);
        }
    }

    private async Task TickAsync(DateTimeOffset now)
    {
        var overloadFactor = options.Value.OverloadIntervalFactor;
        if (load?.OverCpuTarget == true && now - _lastPublished < options.Value.Interval * overloadFactor)
        {
            // Monitoring steps back first; the source keeps accumulating, so the next batch covers this interval too.
            return;
        }

        _lastPublished = now;
        if (Collect(now) is { } batch)
        {
            _unsent.Add(batch);
        }

        await PublishUnsentAsync();
    }

    private MetricBatch? Collect(DateTimeOffset now)
    {
        MetricBatch batch;
        try
        {
            batch = source.Collect(now);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Metrics: collecting the aggregates failed");
            return null;
        }

        foreach (var observer in _observers)
        {
            try
            {
                observer.OnBatch(batch);
            }
            catch (Exception error)
            {
                logger.LogError(error, "Metrics: observer {Observer} failed on a batch", observer.GetType().Name);
            }
        }

        return batch.Aggregates.Count > 0 ? batch : null;
    }

    private async Task PublishUnsentAsync()
    {
        if (_unsent.Count == 0)
        {
            return;
        }

        try
        {
            await SendAllAsync(_unsent, MetricStreams.MetricsNamespace);
        }
        catch (Exception error) when (error is OrleansException or TimeoutException or OperationCanceledException)
        {
            // Orleans' distributed grain directory cancels a lookup whose directory owner left the cluster: a failed
            // round like any other (it escaped here once and stopped the host in a chaos run). No stop token is passed in.
            logger.LogWarning("Metrics: publishing failed ({Error}); {Batches} batches kept for the next round", error.Message, _unsent.Count);
            if (_unsent.Count > MaxUnsent)
            {
                var dropped = _unsent.Take(_unsent.Count - MaxUnsent).Sum(b => b.Aggregates.Count);
                _unsent.RemoveRange(0, _unsent.Count - MaxUnsent);
                instruments.Dropped(dropped, "unpublished");
                logger.LogError("Metrics: dropped {Rows} aggregates that could not be published", dropped);
            }
        }
    }

    private async Task PublishAlertsAsync()
    {
        _unsentAlerts.AddRange(alerts.TakeAll());
        if (_unsentAlerts.Count == 0)
        {
            return;
        }

        try
        {
            await SendAllAsync(_unsentAlerts, MetricStreams.AlertsNamespace);
        }
        catch (Exception error) when (error is OrleansException or TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("Metrics: publishing {Alerts} alerts failed ({Error}); retrying", _unsentAlerts.Count, error.Message);
            await Task.Delay(TimeSpan.FromSeconds(1), time);
        }
    }

    /// <summary>Publishes the items in order on this silo's stream of that namespace, removing each once the stream took it.</summary>
    private async Task SendAllAsync<T>(List<T> unsent, string streamNamespace)
    {
        await WakeWriterAsync();
        var stream = client.GetStreamProvider(MetricStreams.Provider).GetStream<T>(StreamId.Create(streamNamespace, SiloName));
        while (unsent.Count > 0)
        {
            await stream.OnNextAsync(unsent[0]);
            unsent.RemoveAt(0);
        }
    }

    /// <summary>The writer replays what an earlier run spilled to disk as soon as it is active, even before any batch comes.</summary>
    private async Task WakeAtStartAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WakeWriterAsync().WaitAsync(stoppingToken);
        }
        catch (Exception error) when (error is OrleansException or TimeoutException)
        {
            logger.LogWarning("Metrics: the writer did not wake at start ({Error}); the first batch wakes it", error.Message);
        }
    }

    /// <summary>Called from this silo, the writer (preferring local placement) activates here rather than where the stream's agent runs.</summary>
    private async Task WakeWriterAsync()
    {
        if (!_writerAwake)
        {
            await Writer().Wake();
            _writerAwake = true;
        }
    }

    private IMetricsWriterGrain Writer() => client.GetGrain<IMetricsWriterGrain>(SiloName);
}
