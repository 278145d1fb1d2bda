using System.Net.WebSockets;
using System.Text;

namespace OrleansBots.Chat;

/// <summary>
/// IRC over one WebSocket (Twitch: <c>wss://irc-ws.chat.twitch.tv:443</c>): each text frame carries one or more lines
/// ending in CR LF; lines go out one per frame. Sends are serialised (a WebSocket takes one send at a time).
/// </summary>
public sealed class IrcConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly StringBuilder _partial = new();
    private readonly Queue<string> _lines = new();
    private readonly byte[] _buffer = new byte[16 * 1024];

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public async Task ConnectAsync(Uri server, TimeSpan keepAlive, CancellationToken cancellationToken)
    {
        _socket.Options.KeepAliveInterval = keepAlive;
        await _socket.ConnectAsync(server, cancellationToken);
    }

    public async Task SendAsync(string line, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The next line from the server; null once the server closed the connection.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (_lines.Count == 0)
        {
            var received = await _socket.ReceiveAsync(_buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            _partial.Append(Encoding.UTF8.GetString(_buffer, 0, received.Count));
            if (!received.EndOfMessage)
            {
                continue;
            }

            foreach (var line in _partial.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
            {
                _lines.Enqueue(line);
            }

            _partial.Clear();
        }

        return _lines.Dequeue();
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            catch (Exception error) when (error is WebSocketException or OperationCanceledException)
            {
                // Closing is a courtesy; the socket is aborted below anyway.
            }
        }

        _socket.Abort();
        _socket.Dispose();
        _sending.Dispose();
    }
}
