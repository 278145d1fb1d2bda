using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansBots.Bots;
using OrleansBots.Cache;
using OrleansBots.Capacity;
using OrleansBots.Events;
using OrleansBots.Chat;
using OrleansBots.Feeds;
using OrleansBots.Hardware;
using OrleansBots.Market;
using OrleansBots.Monitoring;
using OrleansBots.Quotas;
using OrleansBots.Users;

namespace OrleansBots;

public static class PlatformRegistration
{
    /// <summary>Every feature the grains need besides Orleans itself; the silo host and the test clusters call the same.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services
            .AddBots()
            .AddCapacity()
            .AddQuotas()
            .AddCache()
            .AddMarket()
            .AddMonitoring()
            .AddHardware()
            .AddUsers()
            .AddEvents()
            .AddChat()
            .AddFeeds();
    }
}
