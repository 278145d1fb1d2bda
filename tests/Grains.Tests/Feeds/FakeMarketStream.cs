using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace OrleansBots.Tests.Feeds;

/// <summary>
/// A Binance-shaped market stream on loopback (<c>ws://127.0.0.1:PORT/ws</c>): a client sends
/// <c>{"method":"SUBSCRIBE","params":[…],"id":1}</c>, gets <c>{"result":null,"id":1}</c>, then every trade and kline the
/// test publishes; the test can drop every connection.
/// </summary>
public sealed class FakeMarketStream : FakeFeedServer
{
    private readonly ConcurrentQueue<string> _subscribed = new();

    /// <summary>The stream names of each SUBSCRIBE received, in order.</summary>
    public IReadOnlyList<string> Subscriptions => _subscribed.ToList();

    public static async Task<FakeMarketStream> StartAsync()
    {
        var stream = new FakeMarketStream();
        await stream.ListenAsync("/ws");
        return stream;
    }

    public static string Trade(string symbol, long id, decimal price) =>
        $$"""{"e":"trade","E":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"s":"{{symbol}}","t":{{id}},"p":"{{price}}","q":"0.010","T":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"m":true,"M":true}""";

    public static string Kline(string symbol, long openTime, decimal close) =>
        $$$"""{"e":"kline","E":{{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}},"s":"{{{symbol}}}","k":{"t":{{{openTime}}},"T":{{{openTime + 59_999}}},"s":"{{{symbol}}}","i":"1m","f":1,"L":2,"o":"1.0","c":"{{{close}}}","h":"2.0","l":"0.5","v":"10","n":2,"x":false,"q":"10","V":"5","Q":"5","B":"0"}}""";

    protected override async Task<bool> OnSubscribeAsync(WebSocket socket, string message)
    {
        var request = JsonNode.Parse(message);
        if (request?["method"]?.GetValue<string>() != "SUBSCRIBE")
        {
            return false;
        }

        _subscribed.Enqueue(string.Join(',', request["params"]!.AsArray().Select(p => p!.GetValue<string>())));
        await SendAsync(socket, $$"""{"result":null,"id":{{request["id"]}}}""");
        return true;
    }
}
