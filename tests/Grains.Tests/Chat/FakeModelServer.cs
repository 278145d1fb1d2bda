using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansBots.Tests.Chat;

/// <summary>How the fake model server answers the next chat completions.</summary>
public enum ModelBehaviour
{
    Ok,
    Slow,
    TooManyRequests,
    Loading,
    Hang,
    Malformed,
    ServerError,
}

/// <summary>
/// An OpenAI-compatible server on loopback (<c>POST /v1/chat/completions</c>, <c>GET /v1/models</c>) whose behaviour
/// the test sets: ok (answers "answer to: QUESTION"), slow, 429 with Retry-After, 503 "Loading model", hang (never
/// answers), malformed JSON, 500. Counts requests and keeps the bearer tokens it saw.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _completions;
    private int _probes;
    private int _inFlight;
    private int _peakInFlight;

    private FakeModelServer(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    public ModelBehaviour Behaviour { get; set; } = ModelBehaviour.Ok;

    /// <summary>What <c>GET /v1/models</c> answers (the health probe).</summary>
    public int ModelsStatus { get; set; } = 200;

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    public int RetryAfterSeconds { get; set; } = 7;

    /// <summary>A long answer, to see it cut to the chat's size.</summary>
    public string? FixedAnswer { get; set; }

    public int Completions => Volatile.Read(ref _completions);

    public int Probes => Volatile.Read(ref _probes);

    /// <summary>The most chat completions this server was answering at the same time.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<FakeModelServer> StartAsync()
    {
        FakeModelServer? server = null;
        var (app, port) = await LoopbackWebHost.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", (HttpContext http) => server!.CompleteAsync(http));
            app.MapGet("/v1/models", (HttpContext http) => server!.ModelsAsync(http));
        });
        server = new FakeModelServer(app, port);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(2)).Token);
        await _app.DisposeAsync();
    }

    private async Task ModelsAsync(HttpContext http)
    {
        Interlocked.Increment(ref _probes);
        http.Response.StatusCode = ModelsStatus;
        await http.Response.WriteAsync("""{"object":"list","data":[{"id":"test-model","object":"model"}]}""");
    }

    private async Task CompleteAsync(HttpContext http)
    {
        Interlocked.Increment(ref _completions);
        var inFlight = Interlocked.Increment(ref _inFlight);
        int peak;
        while (inFlight > (peak = Volatile.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak) != peak)
        {
            // Another request raised the peak meanwhile: compare again.
        }

        try
        {
            await AnswerAsync(http);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext http)
    {
        if (http.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            Authorizations.Enqueue(authorization);
        }

        var body = await JsonNode.ParseAsync(http.Request.Body);
        var question = body?["messages"]?.AsArray().Last()?["content"]?.GetValue<string>() ?? "?";
        switch (Behaviour)
        {
            case ModelBehaviour.Slow:
                await Task.Delay(SlowDelay, http.RequestAborted);
                break;
            case ModelBehaviour.TooManyRequests:
                http.Response.StatusCode = 429;
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
                await http.Response.WriteAsync("""{"error":{"message":"Rate limit reached"}}""");
                return;
            case ModelBehaviour.Loading:
                http.Response.StatusCode = 503;
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
                await http.Response.WriteAsync("""{"error":{"message":"Loading model","type":"unavailable_error","code":503}}""");
                return;
            case ModelBehaviour.Hang:
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
                return;
            case ModelBehaviour.Malformed:
                await http.Response.WriteAsync("""{"choices":[{"message":{"role":"assistant","cont""");
                return;
            case ModelBehaviour.ServerError:
                http.Response.StatusCode = 500;
                await http.Response.WriteAsync("boom");
                return;
        }

        var answer = new JsonObject
        {
            ["id"] = "chatcmpl-1",
            ["object"] = "chat.completion",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = FixedAnswer ?? "answer to: " + question },
                ["finish_reason"] = "stop",
            }),
        };
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer.ToJsonString());
    }
}
