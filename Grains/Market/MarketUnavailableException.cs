namespace OrleansBots.Market;

/// <summary>
/// The market source cannot give a price for now: the egress budget refused, the exchange throttled or banned
/// the platform, or it failed. Not the bot's fault: a bot keeps running and tries again on a later tick.
/// </summary>
public sealed class MarketUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>When asking again may succeed (zero when unknown).</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
