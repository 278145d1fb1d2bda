using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansBots.Storage;

public static class StorageRegistration
{
    /// <summary>The retry of PostgreSQL operations through a short outage (<c>PostgresRetry</c> section), once however many stores ask.</summary>
    public static IServiceCollection AddPostgresRetry(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(PostgresRetry)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddCheckedOptions<PostgresRetryOptions, PostgresRetryOptionsValidator>(PostgresRetryOptions.Section);
        services.AddSingleton<PostgresRetry>();
        return services;
    }
}
