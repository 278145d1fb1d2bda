using System.Net;
using System.Text;
using System.Threading.Channels;
using OrleansBots.Tests;

namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (HttpListener on a free port) that keeps every request it gets; it answers
/// with the queued statuses first (to make senders retry), then 200.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly Channel<Request> _received = Channel.CreateUnbounded<Request>();
    private readonly Queue<HttpStatusCode> _answers = new();
    private readonly LoopbackServer _server;

    public WebhookReceiver(params HttpStatusCode[] firstAnswers)
    {
        foreach (var answer in firstAnswers)
        {
            _answers.Enqueue(answer);
        }

        _server = new LoopbackServer(ReceiveAsync);
    }

    public int Port => _server.Port;

    public string Url(string pathAndQuery) => $"http://127.0.0.1:{Port}{pathAndQuery}";

    public async Task<Request> NextAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public void Dispose() => _server.Stop();

    private async Task ReceiveAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        HttpStatusCode status;
        lock (_answers)
        {
            status = _answers.TryDequeue(out var queued) ? queued : HttpStatusCode.OK;
        }

        context.Response.StatusCode = (int)status;
        context.Response.Close();
        await _received.Writer.WriteAsync(new Request(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.ContentType, body, status));
    }

    public sealed record Request(string Method, string PathAndQuery, string? ContentType, string Body, HttpStatusCode Answered);
}
