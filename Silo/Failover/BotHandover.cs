using System.Diagnostics;
using Orleans.Runtime.Placement;
using OrleansBots.Bots;

namespace OrleansBots.Silo.Failover;

/// <summary>
/// A silo that stops gracefully hands its running bots over before it leaves: each is migrated by Orleans to one of
/// the other active silos whose grain types this silo knows already (else placement could not honour the choice and
/// the bot would stay here), round robin, its state travelling along, so it ticks there within moments instead of
/// being saved, deactivated and woken again through storage. It runs first in the silo's stop (the
/// <see cref="ServiceLifecycleStage.Active"/> stage), while this silo still serves and before it tells the cluster it
/// is shutting down. With no other silo the bots save their state here and now. One summary line says how many and
/// how long.
/// </summary>
public sealed class BotHandover(
    RunningBotsHere runningHere,
    IClusterMembershipService membership,
    IClusterManifestProvider manifests,
    ILocalSiloDetails local,
    ILogger<BotHandover> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How long the stop waits for the bots to leave; any still here then go through Orleans' own deactivation.</summary>
    public static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(20);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(BotHandover), ServiceLifecycleStage.Active, _ => Task.CompletedTask, HandOverAsync);

    private async Task HandOverAsync(CancellationToken cancellationToken)
    {
        var bots = runningHere.Snapshot();
        if (bots.Count == 0)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var known = manifests.Current.Silos;
        var targets = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(local.SiloAddress) && known.ContainsKey(m.SiloAddress))
            .Select(m => m.SiloAddress)
            .ToList();
        for (var i = 0; i < bots.Count; i++)
        {
            if (targets.Count > 0)
            {
                bots[i].Migrate(new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = targets[i % targets.Count] }, cancellationToken);
            }
            else
            {
                bots[i].Deactivate(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo stops and no other silo runs"), cancellationToken);
            }
        }

        var gone = Task.WhenAll(bots.Select(b => b.Deactivated));
        var finished = await Task.WhenAny(gone, Task.Delay(WaitAtMost, cancellationToken)) == gone;
        var left = bots.Count(b => !b.Deactivated.IsCompleted);
        if (targets.Count > 0)
        {
            logger.LogInformation(
                "Handed over {Count} running bot(s) to {Silos} other silo(s) in {Elapsed} ms{Left}",
                bots.Count - left, targets.Count, clock.ElapsedMilliseconds, finished ? "" : $"; {left} still leaving");
        }
        else
        {
            logger.LogInformation(
                "Saved {Count} running bot(s) in {Elapsed} ms: no other silo to hand them to{Left}",
                bots.Count - left, clock.ElapsedMilliseconds, finished ? "" : $"; {left} still saving");
        }
    }
}
