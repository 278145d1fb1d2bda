namespace OrleansBots.RateLimiting;

/// <summary>
/// The weight each endpoint of a Binance-shaped API costs (its documented request weights); paths not listed
/// cost <see cref="DefaultWeight"/>.
/// </summary>
public sealed class WeightTable(IReadOnlyDictionary<string, int> weights, int defaultWeight = 1)
{
    /// <summary>Binance's public market-data weights for the endpoints the adapter calls.</summary>
    public static WeightTable Binance { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["/api/v3/ticker/price"] = 2,
        ["/api/v3/klines"] = 2,
        ["/api/v3/ping"] = 1,
        ["/api/v3/time"] = 1,
        ["/api/v3/exchangeInfo"] = 20,
    });

    public int DefaultWeight { get; } = defaultWeight;

    public int WeightOf(string path) => weights.TryGetValue(path, out var weight) ? weight : DefaultWeight;
}
