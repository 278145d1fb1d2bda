using Microsoft.Extensions.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using OrleansBots.Monitoring.Pipeline;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansBots.Monitoring.Alerts;

/// <summary>
/// Sends alerts to <c>Alerts__WebhookUrl</c> as snake_case JSON. Delivery only enqueues (bounded; the oldest
/// waiting alert is dropped and counted when full), and a background loop POSTs with a per-attempt timeout
/// and retries, so whoever fires an alert never waits on the receiver. Logs name the receiver by
/// scheme://host/path only: its query string may carry a token.
/// </summary>
public sealed class AlertWebhook : BackgroundService, IAlertSink
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly Uri? _url;
    private readonly string _receiver;
    private readonly Channel<AlertRecord> _queue;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;
    private readonly PipelineInstruments _instruments;
    private readonly ILogger<AlertWebhook> _logger;
    private readonly TimeSpan _timeout;
    private long _dropped;

    public AlertWebhook(IOptions<AlertOptions> options, PipelineInstruments instruments, ILogger<AlertWebhook> logger)
    {
        var settings = options.Value;
        _instruments = instruments;
        _logger = logger;
        _url = settings.Webhook;
        _receiver = _url is null ? "none" : Describe(_url);
        _queue = Channel.CreateBounded<AlertRecord>(
            new BoundedChannelOptions(settings.WebhookQueue) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => OnDropped(dropped));
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan };
        _pipeline = Pipeline(settings);
        _timeout = settings.WebhookTimeout;
    }

    /// <summary>Alerts dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>scheme://host[:port] of a URL: chat webhooks (Slack, Discord, Teams) carry their secret in the path or query.</summary>
    public static string Describe(Uri url) => $"{url.Scheme}://{url.Host}{(url.IsDefaultPort ? string.Empty : $":{url.Port}")}";

    public void Deliver(AlertRecord alert)
    {
        if (_url is not null)
        {
            _queue.Writer.TryWrite(alert);
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_url is null)
        {
            return;
        }

        _logger.LogInformation("Alerts are sent to the webhook at {Receiver}", _receiver);
        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await SendAsync(_url, alert, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FlushAsync(_url);
        }
    }

    /// <summary>On a graceful stop, alerts still waiting get one try each within one timeout in all.</summary>
    private async Task FlushAsync(Uri url)
    {
        using var deadline = new CancellationTokenSource(_timeout);
        while (!deadline.IsCancellationRequested && _queue.Reader.TryRead(out var alert))
        {
            try
            {
                using var response = await _http.PostAsJsonAsync(url, alert, Json, deadline.Token);
            }
            catch (Exception error) when (error is HttpRequestException or OperationCanceledException)
            {
                _logger.LogWarning("Alert {Rule} on {Scope} was not delivered to the webhook at {Receiver} before the silo stopped", alert.Rule, alert.Scope, _receiver);
            }
        }
    }

    private static ResiliencePipeline Pipeline(AlertOptions settings)
    {
        var builder = new ResiliencePipelineBuilder();
        if (settings.WebhookRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.WebhookRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(500),
                UseJitter = true,
                ShouldHandle = new PredicateBuilder()
                    .Handle<HttpRequestException>(IsTransient)
                    .Handle<TimeoutRejectedException>(),
            });
        }

        return builder.AddTimeout(settings.WebhookTimeout).Build();
    }

    // Refusals (400, 401, 404, ...) do not get better by asking again; server trouble and throttling may.
    private static bool IsTransient(HttpRequestException error) =>
        error.StatusCode is null or >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private async Task SendAsync(Uri url, AlertRecord alert, CancellationToken stoppingToken)
    {
        try
        {
            await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var response = await _http.PostAsJsonAsync(url, alert, Json, token);
                    response.EnsureSuccessStatusCode();
                },
                stoppingToken);
        }
        catch (Exception error) when (error is HttpRequestException or TimeoutRejectedException)
        {
            _logger.LogWarning(
                "Alert {Rule} on {Scope} was not delivered to the webhook at {Receiver}: {Error}",
                alert.Rule, alert.Scope, _receiver, error is HttpRequestException { StatusCode: { } status } ? $"HTTP {(int)status}" : error.GetType().Name);
        }
    }

    private void OnDropped(AlertRecord alert)
    {
        var dropped = Interlocked.Increment(ref _dropped);
        _instruments.Dropped(1, "webhook_queue");
        _logger.LogWarning("Webhook queue full: alert {Rule} on {Scope} dropped ({Dropped} dropped so far)", alert.Rule, alert.Scope, dropped);
    }
}
