using System.Net;

namespace OrleansBots.Tests;

/// <summary>A real HTTP server on 127.0.0.1 and a free port for tests; each request goes to the handler, one at a time.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _handle;
    private readonly Task _serving;

    public LoopbackServer(Func<HttpListenerContext, Task> handle)
    {
        _handle = handle;
        Port = LoopbackPorts.Next();
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>Stops listening; the serving loop ends on its own.</summary>
    public void Stop()
    {
        _listener.Stop();
        _listener.Close();
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await _serving;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await _handle(context);
        }
    }
}
