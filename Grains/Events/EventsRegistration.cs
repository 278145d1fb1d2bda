using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Events;

public static class EventsRegistration
{
    /// <summary>What the grains need to number, keep and publish events: the <c>Events</c> options, <see cref="EventStreams"/> and the silo's <see cref="KeptEventsBudget"/>; alerts become events.</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddCheckedOptions<EventOptions, EventOptionsValidator>(EventOptions.Section);
        services.TryAddSingleton<EventStreams>();
        services.TryAddSingleton(provider => new KeptEventsBudget(provider.GetRequiredService<IOptions<EventOptions>>().Value.HistoryMegabytes * 1024L * 1024L));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, AlertEventSink>());
        return services;
    }

    /// <summary>
    /// The live-event streams on this silo: memory streams (events are for live readers; the bounded history for
    /// resuming is kept by each bot's event log). Their subscriptions live in the pub-sub store that
    /// <see cref="Monitoring.MonitoringRegistration.AddMetricsPipeline"/> registers ("<c>PubSubStore</c>").
    /// </summary>
    public static ISiloBuilder AddEventStreams(this ISiloBuilder silo) => silo.AddMemoryStreams(BotEventStreams.Provider);
}
