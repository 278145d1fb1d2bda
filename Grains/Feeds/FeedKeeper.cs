using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OrleansBots.Feeds;

/// <summary>
/// On every silo: every <see cref="FeedOptions.KeepInterval"/>, asks each configured feed's grain to keep its
/// connection open, and, with a market stream, this silo's <see cref="PriceListenerGrain"/> to stay subscribed. A
/// feed's grain lives on one silo only; when that silo dies, the next keeper's call activates it on a survivor, so a
/// feed is back within the membership's detection time plus one interval.
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

        // The keeper starts with the host, before the silo. A grain call made before this silo joined the cluster fails
        // in Orleans' distributed grain directory with a NullReferenceException (it reads a membership table that is
        // not initialized yet), which stopped the host: the first call waits until the silo is active.
        await foreach (var snapshot in services.GetRequiredService<IClusterMembershipService>().MembershipUpdates.WithCancellation(stoppingToken))
        {
            if (snapshot.GetSiloStatus(silo.SiloAddress) == SiloStatus.Active)
            {
                break;
            }
        }

        using var timer = new PeriodicTimer(options.Value.KeepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (tokens)
                {
                    await grains.GetGrain<IFeedGrain>(IFeedGrain.NewTokens).Keep();
                }

                if (market)
                {
                    await grains.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key).Keep();
                    await grains.GetGrain<IPriceListenerGrain>(silo.SiloAddress.ToString()).Keep();
                }
            }
            catch (Exception error) when (error is OrleansException or TimeoutException or InvalidOperationException)
            {
                // The silo is not up yet, or the feed's silo died and is not declared dead yet: the next tick tries again.
                logger.LogDebug("Feed keeper could not reach a feed: {Error}", error.Message);
            }
        }
    }
}
