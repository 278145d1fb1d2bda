namespace OrleansBots.Silo.Failover;

public static class FailoverRegistration
{
    /// <summary>
    /// Failover in seconds: tuned failure detection, the capacity grain told of every silo that leaves, running bots
    /// handed over by a silo that stops, and the host's grain calls retried while the cluster routes around a silo
    /// that is gone.
    /// </summary>
    public static ISiloBuilder AddFailover(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.TuneMembership(configuration);
        silo.Services.AddCheckedOptions<GrainCallRetryOptions, GrainCallRetryOptionsValidator>(GrainCallRetryOptions.Section);
        silo.AddOutgoingGrainCallFilter<HostCallRetry>();
        silo.Services.AddHostedService<SiloDepartureWatch>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, BotHandover>();
        return silo;
    }
}
