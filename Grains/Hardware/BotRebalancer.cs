using Orleans.Runtime.Placement;
using OrleansBots.Bots;

namespace OrleansBots.Hardware;

/// <summary>
/// Spreads running bots over the silos once the cluster has settled: a silo that joined, or came back after a failure,
/// gets no running bot by placement alone, so every <see cref="RebalanceOptions.Interval"/> each silo compares the bots
/// running here with its fair share (<see cref="RebalancePlan"/>, from the loads in <see cref="ClusterLoad"/>) and
/// migrates its excess to the silos under theirs, the way a stopping silo hands its bots over: the state travels
/// along, nothing is saved or restarted, and the bot ticks on the other silo within moments (its event log is in the
/// bot's activation and goes along). Nothing moves while
/// membership changed in the last <see cref="RebalanceOptions.SettleTime"/>, nor until the bots of the last round have
/// left and every other silo has reported since (before, the counts would not show the moves and a second round would
/// send too many). The loop ends when the silo stops.
/// </summary>
public sealed class BotRebalancer(
    RunningBotsHere runningHere,
    ClusterLoad cluster,
    SiloHardware hardware,
    IClusterMembershipService membership,
    IClusterManifestProvider manifests,
    ILocalSiloDetails local,
    IOptions<RebalanceOptions> options,
    IOptions<HardwareOptions> hardwareOptions,
    TimeProvider time,
    ILogger<BotRebalancer> logger) : ActiveSiloLoop
{
    private readonly RebalanceOptions _options = options.Value;
    private MembershipVersion _seenVersion = MembershipVersion.MinValue;
    private DateTimeOffset _settledSince;
    private DateTimeOffset _lastMoves = DateTimeOffset.MinValue;

    // The activations this silo migrated last, until every one has left: till then the counts are in flux.
    private List<IGrainContext> _leaving = [];

    protected override bool Enabled => _options.Enabled;

    protected override async Task RunAsync(CancellationToken stopping)
    {
        _settledSince = time.GetUtcNow();
        using var rounds = new PeriodicTimer(_options.Interval, time);
        try
        {
            while (await rounds.WaitForNextTickAsync(stopping))
            {
                try
                {
                    Round(stopping);
                }
                catch (Exception error)
                {
                    logger.LogWarning(error, "Rebalancing round failed; the next one tries again");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Round(CancellationToken stopping)
    {
        var now = time.GetUtcNow();
        var snapshot = membership.CurrentSnapshot;
        if (snapshot.Version != _seenVersion)
        {
            (_seenVersion, _settledSince) = (snapshot.Version, now);
        }

        if (now - _settledSince < _options.SettleTime || stopping.IsCancellationRequested || StillLeaving(now))
        {
            return;
        }

        // Counted, not listed nor walked: the list of 100,000 bots is megabytes, asking each whether it lives holds a
        // thread for tens of milliseconds, and most rounds move none.
        var silos = Silos(snapshot, runningHere.Count, now);
        if (silos is null)
        {
            return;
        }

        var moves = RebalancePlan.MovesFrom(local.SiloAddress, silos, _options);
        if (moves.Count > 0)
        {
            Move(runningHere.Snapshot(), moves, silos.Sum(s => s.RunningBots));
        }
    }

    /// <summary>
    /// Every active silo that knows this silo's grain types, with its running bots; null while one of them has not
    /// reported since this silo's last moves or at all lately, since its count could mislead.
    /// </summary>
    private List<RebalancePlan.Silo<SiloAddress>>? Silos(ClusterMembershipSnapshot snapshot, int runningHereCount, DateTimeOffset now)
    {
        var known = manifests.Current.Silos;
        var loads = cluster.Loads;
        var limits = hardwareOptions.Value;
        var silos = new List<RebalancePlan.Silo<SiloAddress>> { new(local.SiloAddress, runningHereCount, hardware.RecommendedMaxBots, false) };
        foreach (var member in snapshot.Members.Values)
        {
            if (member.Status != SiloStatus.Active || member.SiloAddress.Equals(local.SiloAddress) || !known.ContainsKey(member.SiloAddress))
            {
                continue;
            }

            if (!loads.TryGetValue(member.SiloAddress.ToParsableString(), out var load) || load.At <= _lastMoves || now - load.At > LoadAwarePlacementDirector.StaleAfter)
            {
                return null;
            }

            var canReceive = !load.OverCpuTarget && load.CpuPercent <= limits.PlacementCpuLimit && load.MemoryPercent <= limits.PlacementMemoryLimit;
            silos.Add(new(member.SiloAddress, load.RunningBots, load.RecommendedMaxBots, canReceive));
        }

        return silos;
    }

    /// <summary>
    /// True while bots moved in the last round are still leaving. Once all have left, the receivers' next reports
    /// (taken after now) are the first to count them, so the next plan waits for those.
    /// </summary>
    private bool StillLeaving(DateTimeOffset now)
    {
        if (_leaving.Count == 0)
        {
            return false;
        }

        if (_leaving.Exists(activation => !activation.Deactivated.IsCompleted))
        {
            return true;
        }

        (_leaving, _lastMoves) = ([], now);
        return true;
    }

    private void Move(IReadOnlyList<(string BotId, IGrainContext Activation)> bots, IReadOnlyList<(SiloAddress Target, int Bots)> moves, int runningInCluster)
    {
        var next = 0;
        var moved = 0;
        foreach (var (target, count) in moves)
        {
            var hint = new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = target };
            for (var i = 0; i < count && next < bots.Count; i++, next++, moved++)
            {
                bots[next].Activation.Migrate(hint);
                _leaving.Add(bots[next].Activation);
            }
        }

        _lastMoves = time.GetUtcNow();
        logger.LogInformation(
            "Rebalancing: moving {Moved} of the {Here} running bot(s) here to {Silos} other silo(s) ({Total} running in the cluster)",
            moved, bots.Count, moves.Count, runningInCluster);
    }
}
