using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace OrleansBots.Feeds;

public static class FeedsRegistration
{
    /// <summary>The feeds (<c>Feeds</c> section, with the seed's <c>WEBSOCKET_RECONNECT</c> and <c>MAX_TOKENS_PER_MINUTE</c> winning when set), their instruments, this silo's registers of prices and new-token bots, the placement of the silo's stream consumers, and its feed keeper.</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services)
    {
        services.AddCheckedOptions<FeedOptions, FeedOptionsValidator>(FeedOptions.Section);
        services.AddOptions<FeedOptions>().PostConfigure<IServiceProvider>((options, provider) =>
        {
            var configuration = provider.GetService<IConfiguration>();
            if (int.TryParse(configuration?["WEBSOCKET_RECONNECT"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                options.ReconnectDelay = TimeSpan.FromSeconds(seconds);
            }

            if (int.TryParse(configuration?["MAX_TOKENS_PER_MINUTE"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var perMinute))
            {
                options.MaxTokensPerMinute = perMinute;
            }
        });
        services.TryAddSingleton<FeedInstruments>();
        services.TryAddSingleton<LivePrices>();
        services.TryAddSingleton<NewTokenBots>();
        services.AddPlacementDirector<SiloKeyPlacement, SiloKeyPlacementDirector>();
        DecorateMarket(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FeedKeeper>());
        return services;
    }

    /// <summary>
    /// Bots' prices come from the market stream when it is configured and fresh (<see cref="StreamedMarket"/>), else from
    /// the market registered before (polling or the simulation).
    /// </summary>
    private static void DecorateMarket(IServiceCollection services)
    {
        var polled = services.LastOrDefault(d => d.ServiceType == typeof(Market.IMarketData));
        if (polled is null)
        {
            return;
        }

        services.Remove(polled);
        services.AddSingleton<Market.IMarketData>(provider =>
        {
            var market = (Market.IMarketData)(polled.ImplementationInstance
                ?? polled.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, polled.ImplementationType!));
            var options = provider.GetRequiredService<IOptions<FeedOptions>>();
            return options.Value.MarketStreamUrl is { Length: > 0 }
                ? new StreamedMarket(market, provider.GetRequiredService<LivePrices>(), options, provider.GetRequiredService<TimeProvider>())
                : market;
        });
    }

    /// <summary>The feeds' Orleans stream provider (in memory: an item is worth something only while it is fresh).</summary>
    public static ISiloBuilder AddFeedStreams(this ISiloBuilder silo) => silo.AddMemoryStreams(IFeedGrain.StreamProvider);

    /// <summary>
    /// Whether <paramref name="configuration"/> names a feed. A silo without one runs no feed stream provider: its
    /// pulling agents would only cost CPU, and time at every graceful stop.
    /// </summary>
    public static bool AnyConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{FeedOptions.Section}:{nameof(FeedOptions.NewTokensUrl)}"])
        || !string.IsNullOrWhiteSpace(configuration[$"{FeedOptions.Section}:{nameof(FeedOptions.MarketStreamUrl)}"]);
}
