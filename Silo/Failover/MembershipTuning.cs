using Orleans.Configuration;

namespace OrleansBots.Silo.Failover;

/// <summary>
/// The platform's defaults for Orleans' failure detection, tuned so that a killed silo is declared dead in about
/// 5 s and a frozen one in about 10 s (Orleans' own: 10–14 s and about a minute), within the failover goals. Every
/// value can be set under <c>Orleans:Membership</c> (<c>Orleans__Membership__ProbeTimeout</c>, ...).
/// The trade-off: a silo that cannot answer probes for about NumMissedProbesLimit × ProbeTimeout (a long GC pause,
/// a starved CPU) is declared dead too and stops; it takes two silos' votes, and Orleans lengthens its own probe
/// timeouts while the prober itself is unhealthy (<see cref="ClusterMembershipOptions.ExtendProbeTimeoutDuringDegradation"/>).
/// docs/FAILOVER.md has the measurements.
/// </summary>
public static class MembershipTuning
{
    public const string Section = "Orleans:Membership";

    public static void ApplyDefaults(ClusterMembershipOptions options)
    {
        // A probe every 2 s; 3 missed (Orleans' default limit) make a suspicion, 2 suspicions a death.
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.MaxProbeTimeout = TimeSpan.FromSeconds(3);

        // The table is read and this silo's liveness written more often: views converge faster, and after a whole
        // cluster was killed its old rows go stale in 3 × 10 s instead of 3 × 30 s.
        options.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>The defaults first, then what configuration sets (bound again after any earlier binding).</summary>
    public static ISiloBuilder TuneMembership(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Configure<ClusterMembershipOptions>(ApplyDefaults);
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection(Section));
        return silo;
    }
}
