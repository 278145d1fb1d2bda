using OrleansBots.Bots;

namespace OrleansBots.Hardware;

/// <summary>
/// Once the silo is active: registers its hardware with the registry, then reports its load every monitoring
/// interval (<see cref="ResourceMonitor.IntervalOf"/>) with the number of bots running here, and keeps the answer
/// (every silo's load) for placement and rebalancing. Registers again when the registry forgot it.
/// </summary>
public sealed class SiloHardwareReporter(
    IGrainFactory grains,
    ILocalSiloDetails local,
    SiloHardware hardware,
    ISiloLoad load,
    RunningBotsHere runningHere,
    ClusterLoad cluster,
    TimeProvider time,
    ILogger<SiloHardwareReporter> logger) : ActiveSiloLoop
{
    private IHardwareRegistryGrain Registry => grains.GetGrain<IHardwareRegistryGrain>(IHardwareRegistryGrain.GlobalKey);

    private string Silo => local.SiloAddress.ToParsableString();

    protected override async Task RunAsync(CancellationToken stopping)
    {
        var registered = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!registered)
                {
                    await Registry.Register(Silo, hardware);
                    registered = true;
                }

                var loads = await Registry.ReportLoad(Silo, new SiloLoadSample(load.CpuPercent, load.MemoryPercent, load.OverCpuTarget, time.GetUtcNow(), runningHere.Count, hardware.RecommendedMaxBots));
                cluster.Loads = loads;
                registered = loads.ContainsKey(Silo);
            }
            catch (Exception error) when (error is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                // The registry's silo may be going away (the distributed grain directory cancels a lookup whose owner
                // left); the next round tries again.
                logger.LogDebug("Hardware report not delivered: {Error}", error.Message);
            }

            try
            {
                await Task.Delay(ResourceMonitor.IntervalOf(hardware, load.OverCpuTarget), time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
