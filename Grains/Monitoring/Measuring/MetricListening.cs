using Microsoft.Extensions.Hosting;

namespace OrleansBots.Monitoring.Measuring;

/// <summary>
/// Makes the host create the aggregator when it starts, so measurements count from the start and not only from
/// the first collection, and settles the silo name its batches carry.
/// </summary>
public sealed class MetricListening(MetricAggregator aggregator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = aggregator.Silo;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
