using Npgsql;
using OrleansBots.Silo.Configuration;

namespace OrleansBots.Silo.Audit;

public static class AuditRegistration
{
    /// <summary>The audit trail: PostgreSQL when <c>ConnectionStrings__Postgres</c> is set, else bounded in memory.</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddSingleton<IAuditTrail>(provider => provider.GetRequiredService<StorageSettings>().Postgres is null
            ? new InMemoryAuditTrail()
            : new PostgresAuditTrail(provider.GetRequiredService<NpgsqlDataSource>()));
        return services;
    }
}
