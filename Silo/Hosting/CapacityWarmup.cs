using OrleansBots.Capacity;

namespace OrleansBots.Silo.Hosting;

/// <summary>
/// Silo startup task: activates the capacity grain, which pings every bot that held a lease, so bots that
/// were running before a restart of the platform run again without anyone calling them.
/// </summary>
public sealed class CapacityWarmup(IGrainFactory grains, ILogger<CapacityWarmup> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        var capacity = await grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey).GetCapacity();
        logger.LogInformation(
            "Capacity at start: {Current}/{Max} bots ({Status}); bots that were running are being resumed",
            capacity.CurrentBots, capacity.MaxBots, capacity.Status);
    }
}
