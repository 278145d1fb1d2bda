namespace OrleansBots.Market.Egress;

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
        [KlinesPath] = 5,
        ["/api/v3/ping"] = 1,
        ["/api/v3/time"] = 1,
        ["/api/v3/exchangeInfo"] = 20,
    });

    /// <summary>The path of Binance's candles, whose weight depends on how many are asked for (see <see cref="WeightOf(string, int)"/>).</summary>
    public const string KlinesPath = "/api/v3/klines";

    public int DefaultWeight { get; } = defaultWeight;

    /// <summary>The weight of a request to <paramref name="path"/>; for <see cref="KlinesPath"/>, at Binance's default limit (500).</summary>
    public int WeightOf(string path) => weights.TryGetValue(path, out var weight) ? weight : DefaultWeight;

    /// <summary>
    /// The weight of a request to <paramref name="path"/> asking for <paramref name="limit"/> items. Klines cost by
    /// limit: 1–99 → 1, 100–499 → 2, 500–1000 → 5, above 1000 → 10; any other path costs <see cref="WeightOf(string)"/>.
    /// </summary>
    public int WeightOf(string path, int limit) => path == KlinesPath ? KlinesWeight(limit) : WeightOf(path);

    /// <summary>Binance's weight of a klines request by its limit (1–99 → 1, 100–499 → 2, 500–1000 → 5, above 1000 → 10).</summary>
    public static int KlinesWeight(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return limit switch
        {
            < 100 => 1,
            < 500 => 2,
            <= 1000 => 5,
            _ => 10,
        };
    }
}
