using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansBots.Hardware;

public static class HardwareRegistration
{
    /// <summary>
    /// The hardware options (<c>Hardware</c> section) and report (probed once when first needed, on the drive of
    /// <c>DATA_DIR</c>), the resource monitor as <see cref="ISiloLoad"/>, the tick budget, load-aware placement and the
    /// spreading of running bots over the silos (<c>Rebalancing</c> section).
    /// </summary>
    public static IServiceCollection AddHardware(this IServiceCollection services)
    {
        services.AddCheckedOptions<HardwareOptions, HardwareOptionsValidator>(HardwareOptions.Section);
        services.TryAddSingleton(provider => HardwareReport.Create(
            HardwareProbe.Machine(),
            provider.GetRequiredService<IOptions<HardwareOptions>>().Value,
            BotCosts.Measured,
            provider.GetService<IConfiguration>()?["DATA_DIR"] is { Length: > 0 } dataDir ? dataDir : "data",
            provider.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.TryAddSingleton<ResourceMonitor>();
        services.TryAddSingleton<ISiloLoad>(provider => provider.GetRequiredService<ResourceMonitor>());
        services.AddHostedService(provider => provider.GetRequiredService<ResourceMonitor>());
        services.TryAddSingleton<TickGate>();
        services.TryAddSingleton<ClusterLoad>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloHardwareReporter>();
        services.AddCheckedOptions<RebalanceOptions, RebalanceOptionsValidator>(RebalanceOptions.Section);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, BotRebalancer>();
        services.AddPlacementDirector<LoadAwarePlacement, LoadAwarePlacementDirector>();
        return services;
    }
}
