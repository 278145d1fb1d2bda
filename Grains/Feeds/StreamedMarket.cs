using OrleansBots.Market;

namespace OrleansBots.Feeds;

/// <summary>
/// Prices from the market stream when it has a fresh one (no request at all), else from the configured market
/// (polling the exchange, or the simulation): a stream that drops or lags never leaves a bot without a price.
/// </summary>
public sealed class StreamedMarket(IMarketData polled, LivePrices live, IOptions<FeedOptions> options, TimeProvider time) : IMarketData
{
    public ValueTask<decimal> PriceAsync(string symbol, DateTimeOffset at) =>
        live.Fresh(symbol, time.GetUtcNow(), options.Value.PriceFreshness) is { } price ? ValueTask.FromResult(price) : polled.PriceAsync(symbol, at);

    public bool TryPriceNow(string symbol, DateTimeOffset at, out decimal price)
    {
        if (live.Fresh(symbol, time.GetUtcNow(), options.Value.PriceFreshness) is { } fresh)
        {
            price = fresh;
            return true;
        }

        return polled.TryPriceNow(symbol, at, out price);
    }
}
