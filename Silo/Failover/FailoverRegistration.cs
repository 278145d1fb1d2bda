namespace OrleansBots.Silo.Failover;

public static class FailoverRegistration
{
    /// <summary>
    /// Failover in seconds: tuned failure detection, the capacity grain told of every silo that leaves, and the
    /// host's grain calls retried while the cluster routes around a silo that is gone.
    /// </summary>
    public static ISiloBuilder AddFailover(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.TuneMembership(configuration);
        silo.Services.AddCheckedOptions<GrainCallRetryOptions, GrainCallRetryOptionsValidator>(GrainCallRetryOptions.Section);
        silo.AddOutgoingGrainCallFilter<HostCallRetry>();
        silo.Services.AddHostedService<SiloDepartureWatch>();
        return silo;
    }
}
