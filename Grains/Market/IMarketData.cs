namespace OrleansBots.Market;

/// <summary>Where bots read prices from.</summary>
public interface IMarketData
{
    /// <summary>
    /// The price of <paramref name="symbol"/> at <paramref name="at"/> (a live source gives its latest price).
    /// Throws <see cref="MarketUnavailableException"/> when the source cannot answer for now.
    /// </summary>
    ValueTask<decimal> PriceAsync(string symbol, DateTimeOffset at);

    /// <summary>
    /// The price when the source knows it without waiting (a simulation, a fresh streamed price); false when it must be
    /// asked for (<see cref="PriceAsync"/>) or is unavailable. A bot whose prices are all known ticks without a grain turn of its own.
    /// </summary>
    bool TryPriceNow(string symbol, DateTimeOffset at, out decimal price)
    {
        price = 0;
        return false;
    }
}
