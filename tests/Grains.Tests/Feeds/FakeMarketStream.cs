using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrleansBots.Tests.Chat;

namespace OrleansBots.Tests.Feeds;

/// <summary>
/// A Binance-shaped market stream on loopback (<c>ws://127.0.0.1:PORT/ws</c>): a client sends
/// <c>{"method":"SUBSCRIBE","params":[…],"id":1}</c>, gets <c>{"result":null,"id":1}</c>, then every trade and kline the
/// test publishes; the test can drop every connection.
/// </summary>
public sealed class FakeMarketStream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, WebSocket> _subscribers = new();
    private readonly ConcurrentQueue<string> _subscribed = new();
    private int _next;

    private FakeMarketStream(WebApplication app, int port)
    {
        _app = app;
        Url = $"ws://127.0.0.1:{port}/ws";
    }

    public string Url { get; }

    /// <summary>The stream names of each SUBSCRIBE received, in order.</summary>
    public IReadOnlyList<string> Subscriptions => _subscribed.ToList();

    public static async Task<FakeMarketStream> StartAsync()
    {
        FakeMarketStream? stream = null;
        var (app, port) = await LoopbackWebHost.StartAsync(app => app.Map("/ws", (HttpContext http) => stream!.AcceptAsync(http)));
        stream = new FakeMarketStream(app, port);
        return stream;
    }

    public static string Trade(string symbol, long id, decimal price) =>
        $$"""{"e":"trade","E":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"s":"{{symbol}}","t":{{id}},"p":"{{price}}","q":"0.010","T":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"m":true,"M":true}""";

    public static string Kline(string symbol, long openTime, decimal close) =>
        $$$"""{"e":"kline","E":{{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}},"s":"{{{symbol}}}","k":{"t":{{{openTime}}},"T":{{{openTime + 59_999}}},"s":"{{{symbol}}}","i":"1m","f":1,"L":2,"o":"1.0","c":"{{{close}}}","h":"2.0","l":"0.5","v":"10","n":2,"x":false,"q":"10","V":"5","Q":"5","B":"0"}}""";

    public Task PublishAsync(string json) => Task.WhenAll(_subscribers.Values.Select(socket => SendAsync(socket, json)));

    public void DropAll()
    {
        foreach (var socket in _subscribers.Values)
        {
            socket.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        DropAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task SendAsync(WebSocket socket, string json)
    {
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        catch (Exception error) when (error is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Dropped meanwhile.
        }
    }

    private async Task AcceptAsync(HttpContext http)
    {
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var id = Interlocked.Increment(ref _next);
        var buffer = new byte[8192];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var request = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count));
                if (request?["method"]?.GetValue<string>() == "SUBSCRIBE")
                {
                    _subscribed.Enqueue(string.Join(',', request["params"]!.AsArray().Select(p => p!.GetValue<string>())));
                    await SendAsync(socket, $$"""{"result":null,"id":{{request["id"]}}}""");
                    _subscribers[id] = socket;
                }
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            // Gone.
        }
        finally
        {
            _subscribers.TryRemove(id, out _);
        }
    }
}
