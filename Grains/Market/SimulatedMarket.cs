namespace OrleansBots.Market;

/// <summary>
/// A deterministic random walk per symbol: the log-price is a sum of octaves of smoothed seeded noise whose
/// amplitudes grow with the square root of their period, as a random walk's do. Any instant is computed
/// directly, so every silo sees the same price for the same symbol and time without shared state.
/// </summary>
public sealed class SimulatedMarket(IOptions<MarketOptions> options) : IMarketData
{
    private const int Octaves = 22;

    private static readonly Dictionary<string, decimal> KnownBases = new(StringComparer.Ordinal)
    {
        ["BTCUSDT"] = 97_000m,
        ["ETHUSDT"] = 3_500m,
        ["SOLUSDT"] = 180m,
        ["BNBUSDT"] = 650m,
    };

    private readonly MarketOptions _options = options.Value;

    public ValueTask<decimal> PriceAsync(string symbol, DateTimeOffset at) => ValueTask.FromResult(PriceAt(symbol, at));

    public bool TryPriceNow(string symbol, DateTimeOffset at, out decimal price)
    {
        price = PriceAt(symbol, at);
        return true;
    }

    /// <summary>The price of the walk at <paramref name="at"/>; computed, so never unavailable.</summary>
    public decimal PriceAt(string symbol, DateTimeOffset at)
    {
        var symbolSeed = Mix(_options.Seed ^ StableHash(symbol));
        var steps = (at - _options.Epoch).Ticks / (double)_options.Step.Ticks;
        var logOffset = 0.0;
        for (var octave = 0; octave < Octaves; octave++)
        {
            var period = (double)(1L << octave);
            logOffset += _options.Volatility * Math.Sqrt(period) * SmoothNoise(symbolSeed + (ulong)octave, steps / period);
        }

        var price = (double)BaseOf(symbol, symbolSeed) * Math.Exp(logOffset);
        return Math.Round((decimal)price, 8);
    }

    private static decimal BaseOf(string symbol, ulong symbolSeed) =>
        KnownBases.TryGetValue(symbol, out var known) ? known : 1 + (symbolSeed % 100_000) / 100m;

    /// <summary>Noise in [-1, 1] at integer points, cosine-interpolated in between.</summary>
    private static double SmoothNoise(ulong seed, double x)
    {
        var cell = Math.Floor(x);
        var t = x - cell;
        var left = ValueAt(seed, (long)cell);
        var right = ValueAt(seed, (long)cell + 1);
        var blend = (1 - Math.Cos(t * Math.PI)) / 2;
        return left + (right - left) * blend;
    }

    private static double ValueAt(ulong seed, long point) =>
        Mix(seed ^ Mix((ulong)point)) / (double)ulong.MaxValue * 2 - 1;

    /// <summary>SplitMix64's finaliser: a cheap, well-spread 64-bit hash.</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>FNV-1a: string.GetHashCode differs between processes, prices must not.</summary>
    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
