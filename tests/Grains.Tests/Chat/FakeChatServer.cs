using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansBots.Tests.Chat;

/// <summary>
/// A Twitch-shaped IRC-over-WebSocket chat server on loopback: CAP/PASS/NICK/JOIN with a token check, JOIN echo and
/// USERSTATE with moderator tags for <see cref="Moderators"/>, PING/PONG, PRIVMSG relayed to the test, viewers' messages
/// with badges, and Twitch's send limit enforced by disconnecting (20 messages per 30 s, 100 for moderators; a
/// shorter <see cref="RateWindow"/> keeps tests fast). It can drop every connection at once.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, Client> _clients = new();
    private readonly ConcurrentQueue<(string Nick, string Line)> _received = new();
    private int _nextId;
    private int _connections;

    private FakeChatServer(WebApplication app, int port)
    {
        _app = app;
        Url = new Uri($"ws://127.0.0.1:{port}/");
    }

    public Uri Url { get; }

    /// <summary>The token every login must give (with Twitch's <c>oauth:</c> prefix).</summary>
    public string Token { get; init; } = "oauth:test-token";

    public ConcurrentDictionary<string, bool> Moderators { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int MessagesPerWindow { get; set; } = 20;

    public int ModeratorMessagesPerWindow { get; set; } = 100;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Connections accepted since the start.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections open now that have joined a channel.</summary>
    public int Joined(string channel) => _clients.Values.Count(c => c.Channels.ContainsKey(channel));

    public int OpenConnections => _clients.Count;

    /// <summary>Clients disconnected for sending over the limit.</summary>
    public int RateLimitDisconnects;

    public int Pongs;

    public static async Task<FakeChatServer> StartAsync()
    {
        FakeChatServer? server = null;
        var (app, port) = await LoopbackWebHost.StartAsync(app => app.Map("/", (HttpContext http) => server!.AcceptAsync(http)));
        server = new FakeChatServer(app, port);
        return server;
    }

    /// <summary>The texts of the PRIVMSGs received so far in <paramref name="channel"/>.</summary>
    public IReadOnlyList<string> Said(string channel) =>
        _received.Where(r => r.Line.StartsWith($"PRIVMSG {channel} :", StringComparison.Ordinal)).Select(r => r.Line[$"PRIVMSG {channel} :".Length..]).ToList();

    /// <summary>A viewer writes in <paramref name="channel"/>; moderators carry Twitch's badges and mod tag.</summary>
    public Task ViewerSaysAsync(string channel, string viewer, string text, bool moderator = false, bool broadcaster = false)
    {
        var badges = broadcaster ? "broadcaster/1" : moderator ? "moderator/1,subscriber/12" : "subscriber/3";
        var line = $"@badge-info=;badges={badges};color=#1E90FF;display-name={viewer};emotes=;id={Guid.NewGuid()};mod={(moderator ? 1 : 0)};room-id=1;subscriber=1;tmi-sent-ts=1;turbo=0;user-id=2;user-type={(moderator ? "mod" : "")} :{viewer}!{viewer}@{viewer}.tmi.twitch.tv PRIVMSG {channel} :{text}";
        return BroadcastAsync(channel, line);
    }

    public Task PingAllAsync() => Task.WhenAll(_clients.Values.Select(c => c.SendAsync("PING :tmi.twitch.tv")));

    /// <summary>Drops every connection without a close handshake, as a lost network does.</summary>
    public void DropAll()
    {
        foreach (var client in _clients.Values)
        {
            client.Socket.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        DropAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task BroadcastAsync(string channel, string line) =>
        Task.WhenAll(_clients.Values.Where(c => c.Channels.ContainsKey(channel)).Select(c => c.SendAsync(line)));

    private async Task AcceptAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = 400;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref _connections);
        var client = new Client(socket);
        var id = Interlocked.Increment(ref _nextId);
        _clients[id] = client;
        try
        {
            await ServeAsync(client);
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away.
        }
        finally
        {
            _clients.TryRemove(id, out _);
        }
    }

    private async Task ServeAsync(Client client)
    {
        var buffer = new byte[8192];
        var text = new StringBuilder();
        string? pass = null;
        while (client.Socket.State == WebSocketState.Open)
        {
            var received = await client.Socket.ReceiveAsync(buffer, CancellationToken.None);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
            if (!received.EndOfMessage)
            {
                continue;
            }

            var lines = text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            text.Clear();
            foreach (var line in lines)
            {
                var words = line.Split(' ', 3);
                switch (words[0])
                {
                    case "CAP":
                        await client.SendAsync(":tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands");
                        break;
                    case "PASS":
                        pass = words[1];
                        break;
                    case "NICK":
                        if (pass != Token)
                        {
                            await client.SendAsync(":tmi.twitch.tv NOTICE * :Login authentication failed");
                            await client.Socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "auth", CancellationToken.None);
                            return;
                        }

                        client.Nick = words[1].ToLowerInvariant();
                        await client.SendAsync($":tmi.twitch.tv 001 {client.Nick} :Welcome, GLHF!");
                        break;
                    case "JOIN" when client.Nick is not null:
                        var channel = words[1];
                        client.Channels[channel] = true;
                        var mod = Moderators.ContainsKey(client.Nick);
                        await client.SendAsync($":{client.Nick}!{client.Nick}@{client.Nick}.tmi.twitch.tv JOIN {channel}");
                        await client.SendAsync($"@badge-info=;badges={(mod ? "moderator/1" : "")};color=;display-name={client.Nick};emote-sets=0;mod={(mod ? 1 : 0)};subscriber=0;user-type={(mod ? "mod" : "")} :tmi.twitch.tv USERSTATE {channel}");
                        break;
                    case "PONG":
                        Interlocked.Increment(ref Pongs);
                        break;
                    case "PRIVMSG" when client.Nick is not null:
                        _received.Enqueue((client.Nick, line));
                        if (OverLimit(client))
                        {
                            Interlocked.Increment(ref RateLimitDisconnects);
                            client.Socket.Abort();
                            return;
                        }

                        break;
                }
            }
        }
    }

    private bool OverLimit(Client client)
    {
        var now = DateTime.UtcNow;
        client.Sent.Enqueue(now);
        while (client.Sent.TryPeek(out var oldest) && now - oldest > RateWindow)
        {
            client.Sent.TryDequeue(out _);
        }

        var limit = Moderators.ContainsKey(client.Nick!) ? ModeratorMessagesPerWindow : MessagesPerWindow;
        return client.Sent.Count > limit;
    }

    private sealed class Client(WebSocket socket)
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public WebSocket Socket { get; } = socket;

        public string? Nick { get; set; }

        public ConcurrentDictionary<string, bool> Channels { get; } = new(StringComparer.Ordinal);

        public ConcurrentQueue<DateTime> Sent { get; } = new();

        public async Task SendAsync(string line)
        {
            await _sending.WaitAsync();
            try
            {
                if (Socket.State == WebSocketState.Open)
                {
                    await Socket.SendAsync(Encoding.UTF8.GetBytes(line + "\r\n"), WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
            catch (Exception error) when (error is WebSocketException or ObjectDisposedException)
            {
                // Gone meanwhile.
            }
            finally
            {
                _sending.Release();
            }
        }
    }
}
