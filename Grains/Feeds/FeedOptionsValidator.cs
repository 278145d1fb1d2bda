namespace OrleansBots.Feeds;

/// <summary>Checks <see cref="FeedOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class FeedOptionsValidator : IValidateOptions<FeedOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    public static string? Problem(FeedOptions options)
    {
        if (options.NewTokensUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss"))
        {
            return $"Feeds:NewTokensUrl must be a ws:// or wss:// address (got '{url}')";
        }

        if (options.MarketStreamUrl is { Length: > 0 } market && !(Uri.TryCreate(market, UriKind.Absolute, out var marketUri) && marketUri.Scheme is "ws" or "wss"))
        {
            return $"Feeds:MarketStreamUrl must be a ws:// or wss:// address (got '{market}')";
        }

        if (!Market.BinanceMarket.KlineIntervals.Contains(options.KlineInterval) || options.PriceFreshness <= TimeSpan.Zero
            || options.MarketSymbols.Any(s => string.IsNullOrWhiteSpace(s) || !s.All(char.IsLetterOrDigit)))
        {
            return $"Feeds:KlineInterval must be a Binance interval (got '{options.KlineInterval}'), Feeds:PriceFreshness positive, Feeds:MarketSymbols letters and digits";
        }

        if (options.ReconnectDelay <= TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectDelay || options.ReconnectJitter is < 0 or > 1)
        {
            return "Feeds:ReconnectDelay (WEBSOCKET_RECONNECT) must be positive, Feeds:ReconnectMaxDelay at least it, Feeds:ReconnectJitter 0-1";
        }

        if (options.MaxTokensPerMinute < 1 || options.LagItemsPerMinute < 0 || options.DuplicateMemory < 1)
        {
            return "Feeds:MaxTokensPerMinute (MAX_TOKENS_PER_MINUTE) and Feeds:DuplicateMemory must be positive, Feeds:LagItemsPerMinute not negative";
        }

        return options.LagSilence <= TimeSpan.Zero || options.PingInterval <= TimeSpan.Zero || options.KeepInterval <= TimeSpan.Zero
            ? "Feeds:LagSilence, Feeds:PingInterval and Feeds:KeepInterval must be positive"
            : null;
    }
}
