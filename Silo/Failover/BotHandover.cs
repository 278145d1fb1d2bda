using System.Diagnostics;
using Orleans.Runtime.Placement;
using OrleansBots.Bots;

namespace OrleansBots.Silo.Failover;

/// <summary>
/// A silo that stops gracefully hands its running bots over before it leaves: each is migrated by Orleans to one of
/// the other active silos whose grain types this silo knows already (else placement could not honour the choice and
/// the bot would stay here), round robin, its state travelling along, so it ticks there within moments instead of
/// being saved, deactivated and woken again through storage. It starts as soon as the host is asked to stop, while
/// this silo still serves: the host stops its web server and background services before the silo, which took from
/// 0.3 s to 2.4 s here, and the bots need not wait for that. The silo's own stop (its first stage,
/// <see cref="ServiceLifecycleStage.Active"/>) waits for the handover before it tells the cluster it is shutting down.
/// The users that bots' ticks call (<see cref="TickTargetsHere"/>) move too (a bot's event log is in the bot's own
/// activation and moves with it): left behind, they went away only in the silo's last stages, and the ticks of bots on
/// every other silo whose user lived here waited for them. With no other silo the bots save their state here and now,
/// <see cref="SavesAtOnce"/> at a time, until <see cref="WaitAtMost"/>; the bots not saved by then keep their last save
/// (at most <c>Bots:SaveInterval</c> old, as after a crash) and leave with Orleans' own stop without writing. One summary
/// line says how many and how long.
/// </summary>
public sealed class BotHandover(
    RunningBotsHere runningHere,
    TickTargetsHere tickTargets,
    IClusterMembershipService membership,
    IClusterManifestProvider manifests,
    ILocalSiloDetails local,
    IHostApplicationLifetime lifetime,
    ILogger<BotHandover> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How long the stop waits for the bots (and what their ticks call) to leave; any still here then go through Orleans' own deactivation.</summary>
    public static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Bots saving at once when no other silo takes them. On PostgreSQL their writes share statements
    /// (<c>PostgresGrainStorage</c>), so more at once means larger batches, not more connections; a bound still keeps
    /// the bots not yet begun at the deadline from starting writes they could not finish.
    /// </summary>
    public const int SavesAtOnce = 2000;

    // Bots that leave without writing take moments; this bounds it within the host's 30 s.
    private static readonly TimeSpan LeaveWithoutSavingAtMost = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Task? _handover;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(BotHandover),
            ServiceLifecycleStage.Active,
            _ =>
            {
                lifetime.ApplicationStopping.Register(() => HandOver(early: true));
                return Task.CompletedTask;
            },
            cancellationToken => HandOver(early: false).WaitAsync(cancellationToken));

    /// <summary>
    /// Once, whichever asks first: the host's stop signal or the silo's stop. Saving the bots (no other silo) waits for
    /// the silo's stop: the web server is down by then, so no request wakes a saved bot here again, where it would count
    /// a restart and be saved once more.
    /// </summary>
    private Task HandOver(bool early)
    {
        lock (_gate)
        {
            if (_handover is null && !(early && Targets().Count == 0))
            {
                _handover = Task.Run(HandOverAsync);
            }

            return _handover ?? Task.CompletedTask;
        }
    }

    private List<SiloAddress> Targets()
    {
        var known = manifests.Current.Silos;
        return membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(local.SiloAddress) && known.ContainsKey(m.SiloAddress))
            .Select(m => m.SiloAddress)
            .ToList();
    }

    private async Task HandOverAsync()
    {
        var bots = runningHere.Snapshot();
        var targets = Targets();
        if (targets.Count == 0)
        {
            await SaveHereAsync(bots);
            return;
        }

        var others = tickTargets.Snapshot();
        if (bots.Count == 0 && others.Count == 0)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < bots.Count; i++)
        {
            MoveTo(bots[i].Activation, targets[i % targets.Count]);
        }

        for (var i = 0; i < others.Count; i++)
        {
            MoveTo(others[i], targets[i % targets.Count]);
        }

        var leaving = bots.Select(b => b.Activation).Concat(others).ToList();
        var gone = Task.WhenAll(leaving.Select(a => a.Deactivated));
        var finished = await Task.WhenAny(gone, Task.Delay(WaitAtMost)) == gone;
        var left = leaving.Count(a => !a.Deactivated.IsCompleted);
        logger.LogInformation(
            "Handed over {Count} running bot(s) to {Silos} other silo(s) in {Elapsed} ms, with {Others} user(s) their ticks call{Left}",
            bots.Count - bots.Count(b => !b.Activation.Deactivated.IsCompleted), targets.Count, clock.ElapsedMilliseconds, others.Count, finished ? "" : $"; {left} still leaving");
    }

    private async Task SaveHereAsync(IReadOnlyList<(string BotId, IGrainContext Activation)> bots)
    {
        if (bots.Count == 0)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo stops and no other silo runs");
        var saved = 0;
        using var deadline = new CancellationTokenSource(WaitAtMost);
        try
        {
            await Parallel.ForEachAsync(
                bots,
                new ParallelOptions { MaxDegreeOfParallelism = SavesAtOnce, CancellationToken = deadline.Token },
                async (bot, token) =>
                {
                    bot.Activation.Deactivate(reason);
                    await bot.Activation.Deactivated.WaitAsync(token);
                    Interlocked.Increment(ref saved);
                });
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // The rest leave now without writing: left to Orleans' own stop, each was first offered for migration to
            // a silo that does not exist (an error line per bot).
            runningHere.StopSaving();
            var rest = bots.Where(b => !b.Activation.Deactivated.IsCompleted).Select(b => b.Activation).ToList();
            foreach (var activation in rest)
            {
                activation.Deactivate(reason);
            }

            await Task.WhenAny(Task.WhenAll(rest.Select(a => a.Deactivated)), Task.Delay(LeaveWithoutSavingAtMost));
        }

        var unsaved = bots.Count - saved;
        logger.LogInformation(
            "Saved {Count} running bot(s) in {Elapsed} ms: no other silo to hand them to{Left}",
            saved, clock.ElapsedMilliseconds, unsaved == 0 ? "" : $"; {unsaved} keep their last save (at most Bots:SaveInterval old), as after a crash");
    }

    private static void MoveTo(IGrainContext activation, SiloAddress silo) =>
        activation.Migrate(new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = silo });
}
