namespace OrleansBots.Feeds;

/// <summary>A price from the market stream: a trade's price, or a kline's close (<see cref="Kind"/> <c>trade</c> or <c>kline</c>).</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.MarketTick")]
public sealed record MarketTick(
    [property: Id(0)] string Symbol,
    [property: Id(1)] string Kind,
    [property: Id(2)] decimal Price,
    [property: Id(3)] long Sequence,
    [property: Id(4)] DateTimeOffset At);
