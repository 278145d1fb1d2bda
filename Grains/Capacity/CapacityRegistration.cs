using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansBots.Storage;

namespace OrleansBots.Capacity;

public static class CapacityRegistration
{
    /// <summary>
    /// The leases' options (<c>Capacity</c> section), checked with the configured limits at start, the capacity gauges,
    /// and the lease store (the journal on the platform's grain storage, unless <see cref="AddPostgresLeases"/> chose PostgreSQL).
    /// One store per activation of the capacity grain. The silo's running bots renew their leases together, in one
    /// summary per renew interval (<see cref="SiloLeaseRenewal"/> over <see cref="Bots.RunningBotsHere"/>).
    /// </summary>
    public static IServiceCollection AddCapacity(this IServiceCollection services)
    {
        services.AddCheckedOptions<CapacityOptions, CapacityOptionsValidator>(CapacityOptions.Section);
        services.TryAddSingleton<CapacityInstruments>();
        services.TryAddSingleton<SiloLeaseRenewal>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, SiloLeaseRenewal>(
            provider => provider.GetRequiredService<SiloLeaseRenewal>()));
        services.TryAddTransient<ILeaseStore>(provider => new LeaseJournal(
            provider.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(Storage.StateNames.Store), provider.GetRequiredService<ILogger<LeaseJournal>>()));
        return services;
    }

    /// <summary>Leases in PostgreSQL (one row each, <see cref="PostgresLeaseStore"/>) instead of the journal on grain storage.</summary>
    public static IServiceCollection AddPostgresLeases(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => Npgsql.NpgsqlDataSource.Create(connectionString));
        services.AddPostgresRetry();
        services.AddTransient<ILeaseStore, PostgresLeaseStore>();
        return services;
    }
}
