using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBots.Caching;
using OrleansBots.Hardware;
using OrleansBots.Market;
using OrleansBots.RateLimiting;

namespace OrleansBots;

/// <summary>The services the grains need besides Orleans itself; used by the silo host and the test clusters alike.</summary>
public static class PlatformGrainServices
{
    public static IServiceCollection AddPlatformGrainServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMarketData>(provider => provider.GetRequiredService<IOptions<MarketOptions>>().Value.IsBinance
            ? ActivatorUtilities.CreateInstance<BinanceMarket>(provider)
            : ActivatorUtilities.CreateInstance<SimulatedMarket>(provider));
        services.AddOptions<CacheOptions>();
        services.TryAddSingleton<ShardedCache>();
        services.TryAddSingleton<IMemoryPressure, GcMemoryPressure>();
        services.AddOptions<CooldownOptions>();
        services.TryAddSingleton<Cooldowns>();
        services.AddOptions<EgressOptions>().Configure<IOptions<MarketOptions>>((egress, market) => egress.Budget = market.Value.WeightPerMinute);
        services.TryAddSingleton<EgressBudget>();
        services.AddHardwareServices();
        return services;
    }

    /// <summary>
    /// The hardware report (the silo host probes before Orleans starts and registers its own; test clusters probe
    /// here), the resource monitor as <see cref="ISiloLoad"/>, the tick budget, and load-aware placement.
    /// </summary>
    private static void AddHardwareServices(this IServiceCollection services)
    {
        services.AddOptions<HardwareOptions>();
        services.TryAddSingleton(provider => HardwareReport.Create(
            HardwareProbe.Machine(),
            provider.GetRequiredService<IOptions<HardwareOptions>>().Value,
            BotCosts.Measured,
            Directory.GetCurrentDirectory(),
            provider.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.TryAddSingleton<ResourceMonitor>();
        services.TryAddSingleton<ISiloLoad>(provider => provider.GetRequiredService<ResourceMonitor>());
        services.AddHostedService(provider => provider.GetRequiredService<ResourceMonitor>());
        services.TryAddSingleton<TickGate>();
        services.TryAddSingleton<ClusterLoad>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloHardwareReporter>();
        services.AddPlacementDirector<LoadAwarePlacement, LoadAwarePlacementDirector>();
    }
}
