namespace OrleansBots.Market;

/// <summary>The embedded simulated market. Bound from the <c>Market</c> configuration section.</summary>
public sealed class MarketOptions
{
    public const string Section = "Market";

    /// <summary>Seed of the random walk: the same seed gives every silo the same prices.</summary>
    public ulong Seed { get; set; } = 42;

    /// <summary>Length of one step of the walk; prices between steps are interpolated.</summary>
    public TimeSpan Step { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Typical relative move of the price in one step.</summary>
    public double Volatility { get; set; } = 0.0005;
}
