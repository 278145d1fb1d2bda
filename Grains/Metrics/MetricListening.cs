using Microsoft.Extensions.Hosting;

namespace OrleansBots.Metrics;

/// <summary>
/// Makes the host create the aggregator when it starts (being injected here is enough), so measurements count
/// from the start and not only from the first collection.
/// </summary>
public sealed class MetricListening(MetricAggregator aggregator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(aggregator);
        return Task.CompletedTask;
    }
}
