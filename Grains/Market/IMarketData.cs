namespace OrleansBots.Market;

/// <summary>Where bots read prices from.</summary>
public interface IMarketData
{
    decimal PriceAt(string symbol, DateTimeOffset at);
}
