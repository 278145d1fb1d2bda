namespace OrleansBots.Feeds;

/// <summary>A token just created, as the new-token feed announced it (PumpPortal's <c>subscribeNewToken</c>).</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.NewToken")]
public sealed record NewToken(
    [property: Id(0)] string Mint,
    [property: Id(1)] string Symbol,
    [property: Id(2)] string Name,
    [property: Id(3)] decimal MarketCapSol,
    [property: Id(4)] decimal InitialBuy,
    [property: Id(5)] DateTimeOffset ReceivedAt);
