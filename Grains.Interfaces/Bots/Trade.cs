namespace OrleansBots.Bots;

public enum TradeSide
{
    Buy,
    Sell,
}

/// <summary>A paper trade recorded by a trading bot.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.Trade")]
public sealed record Trade(
    [property: Id(0)] string TradeId,
    [property: Id(1)] string Symbol,
    [property: Id(2)] TradeSide Side,
    [property: Id(3)] decimal Price,
    [property: Id(4)] decimal Quantity,
    [property: Id(5)] DateTimeOffset At);
