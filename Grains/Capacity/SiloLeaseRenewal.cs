using OrleansBots.Bots;

namespace OrleansBots.Capacity;

/// <summary>
/// Renews the leases of this silo's running bots (<see cref="RunningBotsHere"/>) in one call to the capacity grain per
/// renew interval and <see cref="CapacityOptions.RenewBatch"/> bots, the silo's summary (<see cref="ICapacityGrain.RenewHeld"/>):
/// the capacity grain's turns per interval grow with the silos and by one per batch, not by one per bot, and each stays short. A bot the capacity grain holds no lease for is asked to renew by itself, in
/// its own turn, which admits it again within the limits or makes it fail (never a stopped bot: it is no longer in the
/// summary, or answers that it does not run). A summary that does not arrive (this silo died or froze) leaves its
/// leases silent, and the capacity grain's sweep calls their bots and frees their slots as it did when each bot renewed
/// alone. Runs from the silo's application-services stage until that stage stops, after the silo's grains were
/// deactivated, so bots that are still stopping keep their leases.
/// </summary>
public sealed class SiloLeaseRenewal(
    RunningBotsHere running,
    IGrainFactory grains,
    IOptions<CapacityOptions> options,
    ILogger<SiloLeaseRenewal> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloLeaseRenewal), ServiceLifecycleStage.ApplicationServices, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    // A round in flight is not waited for: the silo's stop is not held up by a slow capacity grain.
    private Task Stop(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.RenewInterval);
        try
        {
            // Like a grain timer, a round that outlasts the interval delays the next one instead of piling calls up.
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await RenewAsync();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo stops.
        }
    }

    private async Task RenewAsync()
    {
        var capacity = grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey);
        var unknown = new List<string>();
        var (renewing, failed) = (0, 0);
        string? lastError = null;
        foreach (var batch in running.IdsInBatches(options.Value.RenewBatch))
        {
            renewing += batch.Length;
            try
            {
                unknown.AddRange(await capacity.RenewHeld(batch));
            }
            catch (Exception error)
            {
                failed += batch.Length;
                lastError = error.Message;
            }
        }

        if (failed > 0)
        {
            // One line for the silo, not one per bot; the next round tries again well before a lease expires.
            logger.LogWarning("Could not renew the leases of {Failed} of this silo's {Count} running bots ({Error}); the next round retries", failed, renewing, lastError);
        }

        if (unknown.Count > 0)
        {
            logger.LogInformation("{Count} of this silo's {Running} running bots hold no lease: each renews by itself", unknown.Count, renewing);
            await Task.WhenAll(unknown.Select(RenewAloneAsync));
        }
    }

    private async Task RenewAloneAsync(string botId)
    {
        try
        {
            await grains.GetGrain<IBotGrain>(botId).RenewLease();
        }
        catch (Exception error)
        {
            logger.LogDebug(error, "Bot {BotId} could not renew its lease by itself; its silo's next summary asks again", botId);
        }
    }
}
