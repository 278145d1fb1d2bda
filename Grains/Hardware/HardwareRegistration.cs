using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansBots.Hardware;

public static class HardwareRegistration
{
    /// <summary>
    /// The hardware options (<c>Hardware</c> section) and report (a host that probes before Orleans starts registers
    /// its own first; test clusters probe here), the resource monitor as <see cref="ISiloLoad"/>, the tick budget,
    /// and load-aware placement.
    /// </summary>
    public static IServiceCollection AddHardware(this IServiceCollection services)
    {
        services.AddCheckedOptions<HardwareOptions, HardwareOptionsValidator>(HardwareOptions.Section);
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
        return services;
    }
}
