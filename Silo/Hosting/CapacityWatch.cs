using OrleansBots.Capacity;

namespace OrleansBots.Silo.Hosting;

/// <summary>
/// Calls the capacity grain every few seconds from every silo. If the silo that hosted it died, this call
/// reactivates it on a survivor even when no bot is left to renew a lease, and its sweep then brings the
/// lost silo's bots back.
/// </summary>
public sealed class CapacityWatch(IGrainFactory grains, ILogger<CapacityWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey).GetCapacity().WaitAsync(Period * 5, stoppingToken);
            }
            catch (Exception error) when (error is OrleansException or TimeoutException
                || (error is OperationCanceledException && !stoppingToken.IsCancellationRequested))
            {
                // Expected while a silo is being declared dead (the distributed grain directory cancels a lookup whose
                // owner left); the next round tries again.
                logger.LogDebug(error, "Capacity grain did not answer the watch");
            }
        }
    }
}
