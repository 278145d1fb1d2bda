using Orleans.Placement;
using Orleans.Streams;

namespace OrleansBots.Feeds;

/// <summary>The silo's one consumer of the market stream (see <see cref="IPriceListenerGrain"/>); kept by the silo's <see cref="FeedKeeper"/>.</summary>
[PreferLocalPlacement]
public sealed class PriceListenerGrain(LivePrices prices) : Grain, IPriceListenerGrain
{
    private StreamSubscriptionHandle<MarketTick>? _subscription;

    public async Task Keep()
    {
        var stream = this.GetStreamProvider(IFeedGrain.StreamProvider).GetStream<MarketTick>(StreamId.Create(IMarketFeedGrain.Key, "all"));
        _subscription = await FeedSubscription.KeepAsync(stream, _subscription, OnTickAsync);
        DelayDeactivation(TimeSpan.FromMinutes(2));
    }

    private Task OnTickAsync(MarketTick tick, StreamSequenceToken? sequence)
    {
        prices.Set(tick);
        return Task.CompletedTask;
    }
}
