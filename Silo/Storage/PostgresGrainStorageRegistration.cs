using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansBots.Storage;

namespace OrleansBots.Silo.Storage;

public static class PostgresGrainStorageRegistration
{
    /// <summary>
    /// <see cref="PostgresGrainStorage"/> as the grain storage named <paramref name="name"/>, on the silo's shared pool;
    /// <paramref name="legacy"/> reads and clears the states earlier versions kept in Orleans' ADO.NET table.
    /// </summary>
    public static IServiceCollection AddPostgresGrainStorage(
        this IServiceCollection services, string name, string connectionString, Func<IServiceProvider, IGrainStorage> legacy)
    {
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddPostgresRetry();
        services.AddSingleton(provider => new PostgresStateTable(
            provider.GetRequiredService<NpgsqlDataSource>(), ServiceId(provider), provider.GetRequiredService<PostgresRetry>()));
        services.AddSingleton(provider => new LegacyStateRows(
            provider.GetRequiredService<NpgsqlDataSource>(), ServiceId(provider), provider.GetRequiredService<PostgresRetry>()));
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => new PostgresGrainStorage(
            provider.GetRequiredService<PostgresStateTable>(),
            new CompactStateSerializer(provider.GetRequiredService<Serializer>()),
            legacy(provider),
            provider.GetRequiredService<LegacyStateRows>()));
        return services;
    }

    private static string ServiceId(IServiceProvider provider) => provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
}
