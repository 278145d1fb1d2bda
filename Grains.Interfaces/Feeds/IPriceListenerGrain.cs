namespace OrleansBots.Feeds;

/// <summary>
/// One per silo (key: the silo's address, placed on that silo): subscribed to the market stream, it writes each price
/// into the silo's <c>LivePrices</c>, so the stream is consumed once per silo whatever the number of bots.
/// </summary>
[Alias("OrleansBots.IPriceListenerGrain")]
public interface IPriceListenerGrain : IGrainWithStringKey
{
    [Alias("Keep")]
    Task Keep();
}
