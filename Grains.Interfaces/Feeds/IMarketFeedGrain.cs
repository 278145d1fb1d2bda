namespace OrleansBots.Feeds;

/// <summary>
/// The Binance-shaped market stream for the whole cluster (key: <see cref="Key"/>): one connection, kept open by the
/// silos' feed keepers like <see cref="IFeedGrain"/>; prices go out on the stream <c>feeds/market</c>.
/// </summary>
[Alias("OrleansBots.IMarketFeedGrain")]
public interface IMarketFeedGrain : IGrainWithStringKey
{
    /// <summary>The grain's key, also its stream namespace.</summary>
    const string Key = "market";

    /// <summary>Opens the connection if it is not open.</summary>
    [Alias("Keep")]
    Task Keep();

    [Alias("GetStats"), ReadOnly]
    Task<FeedStats> GetStats();
}
