using Microsoft.Extensions.DependencyInjection;

namespace OrleansBots.Capacity;

public static class CapacityRegistration
{
    /// <summary>The leases' options (<c>Capacity</c> section), checked with the configured limits at start.</summary>
    public static IServiceCollection AddCapacity(this IServiceCollection services)
    {
        services.AddCheckedOptions<CapacityOptions, CapacityOptionsValidator>(CapacityOptions.Section);
        return services;
    }
}
