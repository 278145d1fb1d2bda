namespace OrleansBots.Hardware;

/// <summary>
/// Once the silo is active: registers its hardware with the registry, then reports its load every monitoring
/// interval (<see cref="ResourceMonitor.IntervalOf"/>) and keeps the answer (every silo's load) for placement. Registers again when the registry forgot it.
/// </summary>
public sealed class SiloHardwareReporter(
    IGrainFactory grains,
    ILocalSiloDetails local,
    SiloHardware hardware,
    ISiloLoad load,
    ClusterLoad cluster,
    TimeProvider time,
    ILogger<SiloHardwareReporter> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    private IHardwareRegistryGrain Registry => grains.GetGrain<IHardwareRegistryGrain>(IHardwareRegistryGrain.GlobalKey);

    private string Silo => local.SiloAddress.ToParsableString();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloHardwareReporter), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunAsync(CancellationToken stopping)
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

                var loads = await Registry.ReportLoad(Silo, new SiloLoadSample(load.CpuPercent, load.MemoryPercent, load.OverCpuTarget, time.GetUtcNow()));
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
