using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrleansBots.Tests.Chat;

namespace OrleansBots.Tests.Feeds;

/// <summary>
/// A PumpPortal-shaped new-token feed on loopback (<c>ws://127.0.0.1:PORT/api/data</c>): a client subscribes with
/// <c>{"method":"subscribeNewToken"}</c>, is confirmed, and then gets every token the test publishes; the test can
/// send duplicates and bursts and drop every connection.
/// </summary>
public sealed class FakeTokenFeed : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, WebSocket> _subscribers = new();
    private int _next;
    private int _subscriptions;
    private int _connections;

    private FakeTokenFeed(WebApplication app, int port)
    {
        _app = app;
        Url = $"ws://127.0.0.1:{port}/api/data";
    }

    public string Url { get; }

    public int Subscriptions => Volatile.Read(ref _subscriptions);

    public int Connections => Volatile.Read(ref _connections);

    public static async Task<FakeTokenFeed> StartAsync()
    {
        FakeTokenFeed? feed = null;
        var (app, port) = await LoopbackWebHost.StartAsync(app => app.Map("/api/data", (HttpContext http) => feed!.AcceptAsync(http)));
        feed = new FakeTokenFeed(app, port);
        return feed;
    }

    /// <summary>A created token as PumpPortal sends it.</summary>
    public static string TokenJson(string mint, decimal initialBuy = 50_000_000m, decimal marketCapSol = 30m) =>
        $$"""{"signature":"sig-{{mint}}","mint":"{{mint}}","traderPublicKey":"creator","txType":"create","initialBuy":{{initialBuy}},"solAmount":1.5,"bondingCurveKey":"curve","vTokensInBondingCurve":1000000000,"vSolInBondingCurve":30,"marketCapSol":{{marketCapSol}},"name":"Token {{mint}}","symbol":"T{{mint}}","uri":"https://example.test/{{mint}}","pool":"pump"}""";

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
        Interlocked.Increment(ref _connections);
        var id = Interlocked.Increment(ref _next);
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (Encoding.UTF8.GetString(buffer, 0, received.Count).Contains("subscribeNewToken", StringComparison.Ordinal))
                {
                    await SendAsync(socket, """{"message":"Successfully subscribed to token creation events."}""");
                    _subscribers[id] = socket;
                    Interlocked.Increment(ref _subscriptions);
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
