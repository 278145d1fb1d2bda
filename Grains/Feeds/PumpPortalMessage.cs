using System.Globalization;
using System.Text.Json;

namespace OrleansBots.Feeds;

/// <summary>
/// PumpPortal's WebSocket data feed: subscribe with <c>{"method":"subscribeNewToken"}</c>; the server confirms with a
/// <c>{"message":"Successfully subscribed…"}</c> and then sends one JSON object per created token
/// (<c>{"signature":…,"mint":…,"txType":"create","name":…,"symbol":…,"marketCapSol":…,"initialBuy":…}</c>).
/// </summary>
public static class PumpPortalMessage
{
    public const string SubscribeNewToken = """{"method":"subscribeNewToken"}""";

    /// <summary>The new token in <paramref name="json"/>; null for confirmations, other events and malformed text.</summary>
    public static NewToken? Parse(string json, DateTimeOffset receivedAt)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("mint", out var mint) || mint.ValueKind != JsonValueKind.String
                || (root.TryGetProperty("txType", out var type) && type.GetString() != "create"))
            {
                return null;
            }

            return new NewToken(
                mint.GetString()!,
                Text(root, "symbol"),
                Text(root, "name"),
                Number(root, "marketCapSol"),
                Number(root, "initialBuy"),
                receivedAt);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private static decimal Number(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
        JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => 0,
    } : 0;
}
