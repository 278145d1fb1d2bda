using System.Net;
using System.Net.Sockets;

namespace OrleansBots.Silo.Tests.Sdk;

/// <summary>A loopback server that accepts every connection and closes it at once, without an answer: a dropped connection.</summary>
public sealed class ConnectionDroppingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _accepting;
    private int _connections;

    public ConnectionDroppingServer()
    {
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseUrl { get; }

    public int Connections => Volatile.Read(ref _connections);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            using var client = await _listener.AcceptTcpClientAsync();
            Interlocked.Increment(ref _connections);

            // Read the request first, so the client has sent it (and cannot know whether it was acted on).
            var buffer = new byte[4096];
            _ = await client.GetStream().ReadAsync(buffer);
            client.Client.LingerState = new LingerOption(true, 0);
        }
    }
}
