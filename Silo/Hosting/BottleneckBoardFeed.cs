using OrleansBots.Monitoring.Bottlenecks;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;

namespace OrleansBots.Silo.Hosting;

/// <summary>Posts this silo's latest bottleneck report to the cluster's board once per metrics interval.</summary>
public sealed class BottleneckBoardFeed(BottleneckFinder finder, IGrainFactory grains, IOptions<MetricsOptions> options, ILogger<BottleneckBoardFeed> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var board = grains.GetGrain<IBottleneckBoardGrain>(IBottleneckBoardGrain.GlobalKey);
        DateTimeOffset? posted = null;
        using var timer = new PeriodicTimer(options.Value.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var report = finder.Report;
            if (report.At is null || report.At == posted)
            {
                continue;
            }

            try
            {
                await board.Post(report);
                posted = report.At;
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The board lives on one silo; while it moves after a crash (the distributed grain directory cancels a
                // lookup whose owner left), the next interval posts again.
                logger.LogDebug("The bottleneck report was not posted: {Error}", error.Message);
            }
        }
    }
}
