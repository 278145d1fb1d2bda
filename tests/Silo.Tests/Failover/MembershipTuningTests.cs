using Orleans.Configuration;
using OrleansBots.Silo.Failover;

namespace OrleansBots.Silo.Tests.Failover;

/// <summary>The platform's failure detection leaves room in the failover goals.</summary>
public sealed class MembershipTuningTests
{
    [Fact]
    public void AFrozenSiloCanBeVotedDeadWithinHalfTheFreezeGoal()
    {
        var options = new ClusterMembershipOptions();

        MembershipTuning.ApplyDefaults(options);

        // Orleans' connection liveness check holds votes back for this long after the suspect's last message; a frozen
        // silo's connection stays open, so it is the earliest a freeze can be declared. The rest of the 15 s goal
        // is for the probes' own timing and for waking the bots on the survivors.
        Assert.True(options.EnableConnectionLivenessCheck);
        Assert.True(options.MaxProbeTimeout * options.NumMissedProbesLimit <= TimeSpan.FromSeconds(7.5), $"{options.MaxProbeTimeout} × {options.NumMissedProbesLimit}");
    }

}
