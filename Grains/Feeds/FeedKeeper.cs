using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OrleansBots.Feeds;

/// <summary>
/// On every silo: every <see cref="FeedOptions.KeepInterval"/>, asks each configured feed's grain to keep its
/// connection open, and this silo's consumer of each feed's stream (<see cref="NewTokenListenerGrain"/>,
/// <see cref="PriceListenerGrain"/>) to stay subscribed. A feed's grain lives on one silo only; when that silo dies, the
/// next keeper's call activates it on a survivor, so a feed is back within the membership's detection time plus one
/// interval. It starts calling once its silo is an active member: before that, no grain can be placed on it.
/// </summary>
public sealed class FeedKeeper(IServiceProvider services, IOptions<FeedOptions> options, TimeProvider time, ILogger<FeedKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tokens = options.Value.NewTokensUrl is { Length: > 0 };
        var market = options.Value.MarketStreamUrl is { Length: > 0 };
        if (!tokens && !market)
        {
            return;
        }

        // The silo's services are looked up only now: hosts that register the platform without a silo (tools, tests of
        // the wiring) start this service too.
        var grains = services.GetRequiredService<IGrainFactory>();
        var silo = services.GetRequiredService<ILocalSiloDetails>();
        var membership = services.GetRequiredService<IClusterMembershipService>();
        var consumerKey = silo.SiloAddress.ToParsableString();
        using var timer = new PeriodicTimer(options.Value.KeepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress) != SiloStatus.Active)
            {
                continue;
            }

            try
            {
                if (tokens)
                {
                    await grains.GetGrain<INewTokenListenerGrain>(consumerKey).Keep();
                    await grains.GetGrain<IFeedGrain>(IFeedGrain.NewTokens).Keep();
                }

                if (market)
                {
                    await grains.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key).Keep();
                    await grains.GetGrain<IPriceListenerGrain>(consumerKey).Keep();
                }
            }
            catch (Exception error) when (error is OrleansException or TimeoutException or InvalidOperationException or OperationCanceledException)
            {
                // The feed's silo died and is not declared dead yet, or a call timed out, or Orleans' distributed grain
                // directory cancelled a lookup whose owner left (no stop token is passed in; uncaught, it stopped the
                // survivor's host in FeedFailoverTests): the next tick tries again.
                logger.LogDebug("Feed keeper could not reach a feed: {Error}", error.Message);
            }
        }
    }
}
