using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrleansBots.Tests.Chat;

namespace OrleansBots.Tests.Feeds;

/// <summary>
/// A JSON-over-WebSocket feed server on loopback at <c>ws://127.0.0.1:PORT{path}</c>: each client message goes to
/// <see cref="OnSubscribeAsync"/>, which answers it and says whether the client now gets what the test publishes; the
/// test can drop every connection.
/// </summary>
public abstract class FakeFeedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, WebSocket> _subscribers = new();
    private WebApplication _app = null!;
    private int _next;
    private int _open;

    public string Url { get; private set; } = string.Empty;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _next);

    /// <summary>Connections open now.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

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

    protected static async Task SendAsync(WebSocket socket, string json)
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

    protected async Task ListenAsync(string path)
    {
        var (app, port) = await LoopbackWebHost.StartAsync(app => app.Map(path, AcceptAsync));
        (_app, Url) = (app, $"ws://127.0.0.1:{port}{path}");
    }

    /// <summary>Answers one message of a client; true when the client is subscribed from now on.</summary>
    protected abstract Task<bool> OnSubscribeAsync(WebSocket socket, string message);

    private async Task AcceptAsync(HttpContext http)
    {
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var id = Interlocked.Increment(ref _next);
        Interlocked.Increment(ref _open);
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

                if (await OnSubscribeAsync(socket, Encoding.UTF8.GetString(buffer, 0, received.Count)))
                {
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
            Interlocked.Decrement(ref _open);
        }
    }
}
