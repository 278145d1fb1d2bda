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
        // Asked every few seconds: the stream's subscription table is in memory, so one lost with its silo is made again.
        var stream = this.GetStreamProvider(IFeedGrain.StreamProvider).GetStream<MarketTick>(StreamId.Create(IMarketFeedGrain.Key, "all"));
        var existing = await stream.GetAllSubscriptionHandles();
        if (existing.Count == 0)
        {
            _subscription = await stream.SubscribeAsync(OnTickAsync);
        }
        else if (_subscription is null)
        {
            _subscription = await existing[0].ResumeAsync(OnTickAsync);
        }

        DelayDeactivation(TimeSpan.FromMinutes(2));
    }

    private Task OnTickAsync(MarketTick tick, StreamSequenceToken? sequence)
    {
        prices.Set(tick);
        return Task.CompletedTask;
    }
}
