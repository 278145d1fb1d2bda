using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Streams;
using Orleans.Streams.Core;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Store;

namespace OrleansBots.Monitoring.Pipeline;

/// <summary>
/// One per publishing silo (key: silo name), subscribed implicitly to that silo's <c>metrics</c> and <c>alerts</c>
/// streams, activated on the publishing silo where possible (the publisher wakes it first). Reentrant so that a
/// slow store never holds up stream delivery: a batch is only added to the buffer, the timer writes it.
/// </summary>
[ImplicitStreamSubscription(MetricStreams.MetricsNamespace)]
[ImplicitStreamSubscription(MetricStreams.AlertsNamespace)]
[PreferLocalPlacement]
[Reentrant]
public sealed class MetricsWriterGrain(
    IMetricStore store,
    MetricSpool spool,
    IOptions<MetricsOptions> options,
    TimeProvider time,
    ILogger<MetricsWriterGrain> logger) : Grain, IMetricsWriterGrain, IStreamSubscriptionObserver
{
    /// <summary>How long a stopping writer tries the store before it spills the rest.</summary>
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(5);

    private MetricsWriter _writer = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writer = new MetricsWriter(store, spool, options.Value, time, logger);
        var every = options.Value.FlushInterval;
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions { DueTime = every, Period = every, Interleave = true, KeepAlive = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _writer.DrainAsync(DrainDeadline);
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        if (handleFactory.StreamId.GetNamespace() == MetricStreams.AlertsNamespace)
        {
            await handleFactory.Create<AlertRecord>().ResumeAsync((alert, _) =>
            {
                _writer.Add(alert);
                return Task.CompletedTask;
            });
        }
        else
        {
            await handleFactory.Create<MetricBatch>().ResumeAsync((batch, _) =>
            {
                _writer.Add(batch);
                return Task.CompletedTask;
            });
        }
    }

    public Task Wake() => Task.CompletedTask;

    public async Task Drain(IReadOnlyList<MetricBatch> batches, IReadOnlyList<AlertRecord> alerts)
    {
        foreach (var batch in batches)
        {
            _writer.Add(batch);
        }

        foreach (var alert in alerts)
        {
            _writer.Add(alert);
        }

        await _writer.DrainAsync(DrainDeadline);
    }

    private Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);
}
