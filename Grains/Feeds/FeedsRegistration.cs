using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace OrleansBots.Feeds;

public static class FeedsRegistration
{
    /// <summary>The feeds (<c>Feeds</c> section, with the seed's <c>WEBSOCKET_RECONNECT</c> and <c>MAX_TOKENS_PER_MINUTE</c> winning when set), their instruments and this silo's feed keeper.</summary>
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FeedKeeper>());
        return services;
    }

    /// <summary>The feeds' Orleans stream provider (in memory: an item is worth something only while it is fresh).</summary>
    public static ISiloBuilder AddFeedStreams(this ISiloBuilder silo) => silo.AddMemoryStreams(IFeedGrain.StreamProvider);
}
