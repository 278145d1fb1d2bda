namespace OrleansBots.Market;

/// <summary>Where bots read prices from.</summary>
public interface IMarketData
{
    /// <summary>
    /// The price of <paramref name="symbol"/> at <paramref name="at"/> (a live source gives its latest price).
    /// Throws <see cref="MarketUnavailableException"/> when the source cannot answer for now.
    /// </summary>
    ValueTask<decimal> PriceAsync(string symbol, DateTimeOffset at);
}
