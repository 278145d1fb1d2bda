using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansBots.Caching;
using OrleansBots.Market;
using OrleansBots.RateLimiting;

namespace OrleansBots;

/// <summary>The services the grains need besides Orleans itself; used by the silo host and the test clusters alike.</summary>
public static class PlatformGrainServices
{
    public static IServiceCollection AddPlatformGrainServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMarketData, SimulatedMarket>();
        services.AddOptions<CacheOptions>();
        services.TryAddSingleton<ShardedCache>();
        services.AddOptions<CooldownOptions>();
        services.TryAddSingleton<Cooldowns>();
        services.AddOptions<EgressOptions>();
        services.TryAddSingleton<EgressBudget>();
        return services;
    }
}
