using System.Globalization;
using System.Text.Json;

namespace OrleansBots.Feeds;

/// <summary>
/// Binance's WebSocket market streams on <c>/ws</c>: subscribe with
/// <c>{"method":"SUBSCRIBE","params":["btcusdt@trade","btcusdt@kline_1m"],"id":1}</c> (answered <c>{"result":null,"id":1}</c>);
/// a trade is <c>{"e":"trade","E":ms,"s":"BTCUSDT","t":id,"p":"price",…}</c>, a kline
/// <c>{"e":"kline","E":ms,"s":"BTCUSDT","k":{"t":openMs,"i":"1m","c":"close",…}}</c>. Combined-stream envelopes
/// (<c>{"stream":…,"data":{…}}</c>) are unwrapped.
/// </summary>
public static class BinanceStreamMessage
{
    public static string Subscribe(IEnumerable<string> symbols, string klineInterval) =>
        JsonSerializer.Serialize(new
        {
            method = "SUBSCRIBE",
            @params = symbols.SelectMany(s => new[] { $"{s.ToLowerInvariant()}@trade", $"{s.ToLowerInvariant()}@kline_{klineInterval}" }).ToArray(),
            id = 1,
        });

    /// <summary>The trade or kline in <paramref name="json"/>; null for answers, other events and malformed text. A kline's sequence is its open time.</summary>
    public static MarketTick? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data))
            {
                root = data;
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("e", out var type) || !root.TryGetProperty("s", out var symbol))
            {
                return null;
            }

            var at = DateTimeOffset.FromUnixTimeMilliseconds(root.TryGetProperty("E", out var time) ? time.GetInt64() : 0);
            return type.GetString() switch
            {
                "trade" => new MarketTick(symbol.GetString()!, "trade", Decimal(root.GetProperty("p")), root.GetProperty("t").GetInt64(), at),
                "kline" when root.TryGetProperty("k", out var k) => new MarketTick(symbol.GetString()!, "kline", Decimal(k.GetProperty("c")), k.GetProperty("t").GetInt64(), at),
                _ => null,
            };
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static decimal Decimal(JsonElement value) => decimal.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
}
