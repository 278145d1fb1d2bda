using Orleans.Streams;

namespace OrleansBots.Feeds;

/// <summary>The silo's one consumer of the market stream (see <see cref="IPriceListenerGrain"/>): writes each tick into the silo's <see cref="LivePrices"/>.</summary>
[SiloKeyPlacement]
public sealed class PriceListenerGrain(LivePrices prices, ILocalSiloDetails silo, IClusterMembershipService membership, ILogger<PriceListenerGrain> logger)
    : SiloStreamConsumer<MarketTick>(silo, membership, logger), IPriceListenerGrain
{
    protected override IAsyncStream<MarketTick> Stream =>
        this.GetStreamProvider(IFeedGrain.StreamProvider).GetStream<MarketTick>(StreamId.Create(IMarketFeedGrain.Key, "all"));

    protected override Task OnItemAsync(MarketTick item)
    {
        prices.Set(item);
        return Task.CompletedTask;
    }
}
