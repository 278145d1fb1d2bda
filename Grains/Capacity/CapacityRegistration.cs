using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansBots.Capacity;

public static class CapacityRegistration
{
    /// <summary>The leases' options (<c>Capacity</c> section), checked with the configured limits at start, and the capacity gauges.</summary>
    public static IServiceCollection AddCapacity(this IServiceCollection services)
    {
        services.AddCheckedOptions<CapacityOptions, CapacityOptionsValidator>(CapacityOptions.Section);
        services.TryAddSingleton<CapacityInstruments>();
        return services;
    }
}
