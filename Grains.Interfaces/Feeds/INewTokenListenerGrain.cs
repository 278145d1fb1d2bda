namespace OrleansBots.Feeds;

/// <summary>
/// One per silo (key: the silo's address, placed on that silo): subscribed to the new-token stream, it applies the
/// new-token strategy's filter once per token and hands passing tokens as signals to the silo's running
/// <c>new_tokens</c> bots, so the stream is consumed once per silo whatever the number of bots.
/// </summary>
[Alias("OrleansBots.INewTokenListenerGrain")]
public interface INewTokenListenerGrain : IGrainWithStringKey
{
    /// <summary>Subscribes if the silo's subscription is missing (first call, or lost with the silo that held the stream's table).</summary>
    [Alias("Keep")]
    Task Keep();
}
