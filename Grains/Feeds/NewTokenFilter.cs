namespace OrleansBots.Feeds;

/// <summary>
/// The new-token strategy's rule, without the grain: a token whose creator's first buy and market cap are both at least
/// the minimums is a buy signal (a creator who buys a meaningful share of their own token at launch has skin in it).
/// </summary>
public sealed record NewTokenFilter(decimal MinInitialBuy, decimal MinMarketCapSol)
{
    public static NewTokenFilter Default { get; } = new(1_000_000m, 25m);

    public bool Buys(NewToken token) => token.InitialBuy >= MinInitialBuy && token.MarketCapSol >= MinMarketCapSol;

    public string Describe(NewToken token) =>
        $"new token {token.Symbol} ({token.Mint}): creator bought {token.InitialBuy:0}, market cap {token.MarketCapSol:0.##} SOL";
}
