namespace OrleansBots.Feeds;

/// <summary>
/// One external WebSocket feed for the whole cluster (key: <see cref="NewTokens"/>): the activation holds the one
/// connection, and every silo's feed keeper calls <see cref="Keep"/> now and then, so that after the silo holding it
/// dies the feed comes back on a survivor. Items go out on the Orleans stream <see cref="StreamProvider"/>.
/// </summary>
[Alias("OrleansBots.IFeedGrain")]
public interface IFeedGrain : IGrainWithStringKey
{
    /// <summary>The new-token feed's key, also its stream namespace.</summary>
    const string NewTokens = "new-tokens";

    /// <summary>The Orleans stream provider of the feeds.</summary>
    const string StreamProvider = "feeds";

    /// <summary>Opens the connection if it is not open.</summary>
    [Alias("Keep")]
    Task Keep();

    [Alias("GetStats"), ReadOnly]
    Task<FeedStats> GetStats();
}
