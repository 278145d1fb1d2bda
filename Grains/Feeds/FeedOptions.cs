namespace OrleansBots.Feeds;

/// <summary>
/// The platform's WebSocket feeds. Bound from the <c>Feeds</c> section; the seed's flat names win when set:
/// <c>WEBSOCKET_RECONNECT</c> (seconds) is <see cref="ReconnectDelay"/>, <c>MAX_TOKENS_PER_MINUTE</c> is
/// <see cref="MaxTokensPerMinute"/>.
/// </summary>
public sealed class FeedOptions
{
    public const string Section = "Feeds";

    /// <summary>PumpPortal-shaped new-token feed (<c>wss://pumpportal.fun/api/data</c>); unset, there is none.</summary>
    public string? NewTokensUrl { get; set; }

    /// <summary>Binance-shaped market stream (<c>wss://stream.binance.com:9443/ws</c>); unset, prices are polled.</summary>
    public string? MarketStreamUrl { get; set; }

    /// <summary>Symbols whose trade and kline streams are subscribed (<c>Feeds__MarketSymbols__0=BTCUSDT</c>).</summary>
    public List<string> MarketSymbols { get; set; } = [];

    /// <summary>The kline stream's interval.</summary>
    public string KlineInterval { get; set; } = "1m";

    /// <summary>A streamed price older than this is not used: the bot's price is polled instead.</summary>
    public TimeSpan PriceFreshness { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait before reconnecting a dropped feed (WEBSOCKET_RECONNECT), doubled after each failed attempt, with jitter.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait before reconnecting.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Share of each wait added or taken at random, so that silos do not reconnect in step.</summary>
    public double ReconnectJitter { get; set; } = 0.2;

    /// <summary>Feed items processed per minute (MAX_TOKENS_PER_MINUTE); the rest are dropped and counted.</summary>
    public int MaxTokensPerMinute { get; set; } = 1000;

    /// <summary>Below this many items in the last minute the feed lags (the seed: "tokens/min &lt; 5 = feed lag").</summary>
    public int LagItemsPerMinute { get; set; } = 5;

    /// <summary>No item for this long is lag too.</summary>
    public TimeSpan LagSilence { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>WebSocket ping interval; a connection whose pong does not come back within it is dropped and reconnected.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often each silo makes sure the feeds are open (how soon a feed comes back after its silo died).</summary>
    public TimeSpan KeepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Token mints remembered to drop duplicates.</summary>
    public int DuplicateMemory { get; set; } = 10_000;
}
