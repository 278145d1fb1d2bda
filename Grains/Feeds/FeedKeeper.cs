using Microsoft.Extensions.Hosting;

namespace OrleansBots.Feeds;

/// <summary>
/// On every silo: every <see cref="FeedOptions.KeepInterval"/>, asks each configured feed's grain to keep its
/// connection open. The grain lives on one silo only; when that silo dies, the next keeper's call activates it on a
/// survivor, so a feed is back within the membership's detection time plus one interval.
/// </summary>
public sealed class FeedKeeper(IGrainFactory grains, IOptions<FeedOptions> options, TimeProvider time, ILogger<FeedKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.NewTokensUrl is not { Length: > 0 })
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.KeepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await grains.GetGrain<IFeedGrain>(IFeedGrain.NewTokens).Keep();
            }
            catch (Exception error) when (error is OrleansException or TimeoutException or InvalidOperationException)
            {
                // The silo is not up yet, or the feed's silo died and is not declared dead yet: the next tick tries again.
                logger.LogDebug("Feed keeper could not reach the new-token feed: {Error}", error.Message);
            }
        }
    }
}
