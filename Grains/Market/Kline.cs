namespace OrleansBots.Market;

/// <summary>One candle of a Binance-shaped <c>/api/v3/klines</c> answer: the first seven fields of its array.</summary>
public sealed record Kline(
    DateTimeOffset OpenTime,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    DateTimeOffset CloseTime);
