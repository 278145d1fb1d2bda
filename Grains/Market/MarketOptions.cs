namespace OrleansBots.Market;

/// <summary>
/// Where prices come from: the embedded simulated market or a Binance-shaped exchange. Bound from the
/// <c>Market</c> configuration section (e.g. <c>Market__Source=binance</c>).
/// </summary>
public sealed class MarketOptions
{
    public const string Section = "Market";

    public const string Simulated = "simulated";

    public const string Binance = "binance";

    /// <summary><c>simulated</c> (the default) or <c>binance</c>.</summary>
    public string Source { get; set; } = Simulated;

    /// <summary>Base address of the Binance-shaped REST API.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.binance.com");

    /// <summary>The exchange's request weight per minute, shared by the whole cluster.</summary>
    public int WeightPerMinute { get; set; } = 6000;

    /// <summary>How long a fetched price is served from the cache, in seconds.</summary>
    public double PriceTtlSeconds { get; set; } = 2;

    /// <summary>Longest wait for one answer of the exchange.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a failed request (5xx, timeout, no connection); refusals of the budget are not retried.</summary>
    public int Retries { get; set; } = 2;

    public bool IsBinance => string.Equals(Source, Binance, StringComparison.OrdinalIgnoreCase);

    /// <summary>Seed of the random walk: the same seed gives every silo the same prices.</summary>
    public ulong Seed { get; set; } = 42;

    /// <summary>
    /// The instant the walk starts from: the same seed and epoch give the same prices the same time after it, on every
    /// silo. A benchmark sets it to its own start, so that each run meets the same price path (and trades alike).
    /// </summary>
    public DateTimeOffset Epoch { get; set; } = DateTimeOffset.UnixEpoch;

    /// <summary>Length of one step of the walk; prices between steps are interpolated.</summary>
    public TimeSpan Step { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Typical relative move of the price in one step.</summary>
    public double Volatility { get; set; } = 0.0005;
}
