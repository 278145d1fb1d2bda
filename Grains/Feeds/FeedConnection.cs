using System.Net.WebSockets;
using System.Text;

namespace OrleansBots.Feeds;

/// <summary>
/// A JSON-over-WebSocket feed connection: one JSON text per message (fragments joined); WebSocket pings every
/// interval, and a connection whose pong does not come back in time is aborted (so a silent dead link is noticed).
/// </summary>
public sealed class FeedConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _message = new();

    public async Task ConnectAsync(Uri url, TimeSpan pingInterval, CancellationToken cancellationToken)
    {
        _socket.Options.KeepAliveInterval = pingInterval;
        _socket.Options.KeepAliveTimeout = pingInterval;
        await _socket.ConnectAsync(url, cancellationToken);
    }

    public Task SendAsync(string json, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>The next message; null once the server closed the connection.</summary>
    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        _message.SetLength(0);
        while (true)
        {
            var received = await _socket.ReceiveAsync(_buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            _message.Write(_buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return Encoding.UTF8.GetString(_message.GetBuffer(), 0, (int)_message.Length);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
