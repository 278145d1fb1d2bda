using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OrleansBots.Cache;
using OrleansBots.Hardware;
using OrleansBots.Market;
using OrleansBots.Market.Egress;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Bottlenecks;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Quotas;

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
        services.AddMetrics();
        services.TryAddSingleton<Measurements>();
        services.TryAddSingleton<PipelineInstruments>();
        services.TryAddSingleton<Capacity.CapacityInstruments>();
        services.TryAddSingleton<Bots.BotInstruments>();
        services.TryAddSingleton<MetricAggregator>();
        services.TryAddSingleton<IMetricBatchSource>(provider => provider.GetRequiredService<MetricAggregator>());
        services.AddHostedService<MetricListening>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIncomingGrainCallFilter, GrainCallFailureCounter>());
        services.AddAlerts();
        services.AddHardwareServices();
        return services;
    }

    /// <summary>Alert rules, dispatch and sinks (the webhook), and the bottleneck finder, all fed by this silo's metric batches.</summary>
    private static void AddAlerts(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(AlertDispatcher)))
        {
            return;
        }

        services.AddOptions<AlertOptions>();
        services.AddSingleton<RecentAlerts>();
        services.AddSingleton<AlertDispatcher>();
        services.AddSingleton<AlertWebhook>();
        services.AddSingleton<IAlertSink>(provider => provider.GetRequiredService<AlertWebhook>());
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<AlertWebhook>());
        services.AddSingleton<AlertWatch>();
        services.AddSingleton<IMetricBatchObserver>(provider => provider.GetRequiredService<AlertWatch>());
        services.AddSingleton<BottleneckFinder>();
        services.AddSingleton<IMetricBatchObserver>(provider => provider.GetRequiredService<BottleneckFinder>());
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
