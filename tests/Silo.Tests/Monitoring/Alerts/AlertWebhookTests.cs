using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Silo.Tests.Monitoring.Alerts;

public sealed class AlertWebhookTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static readonly AlertRecord Alert = new(
        new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), "silo-a", "capacity", "platform", AlertSeverity.Critical, 100, 95, "Platform full: 3/3 bots running");

    [Fact]
    public async Task TheReceiverGetsTheAlertAsSnakeCaseJson()
    {
        using var receiver = new WebhookReceiver();
        using var webhook = Webhook(receiver.Url("/hooks/alerts?token=s3cret"));
        await webhook.StartAsync(CancellationToken.None);

        webhook.Deliver(Alert);
        var request = await receiver.NextAsync(Within);
        await webhook.StopAsync(CancellationToken.None);

        Assert.Equal(("POST", "/hooks/alerts?token=s3cret"), (request.Method, request.PathAndQuery));
        Assert.StartsWith("application/json", request.ContentType);
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(["at", "message", "rule", "scope", "severity", "silo", "threshold", "value"], root.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(("capacity", "platform", "critical", 100.0, 95.0), (
            root.GetProperty("rule").GetString(), root.GetProperty("scope").GetString(), root.GetProperty("severity").GetString(),
            root.GetProperty("value").GetDouble(), root.GetProperty("threshold").GetDouble()));
        Assert.Equal(Alert.At, root.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task AServerErrorIsRetried()
    {
        using var receiver = new WebhookReceiver(HttpStatusCode.InternalServerError);
        using var webhook = Webhook(receiver.Url("/hook"));
        await webhook.StartAsync(CancellationToken.None);

        webhook.Deliver(Alert);
        var first = await receiver.NextAsync(Within);
        var second = await receiver.NextAsync(Within);
        await webhook.StopAsync(CancellationToken.None);

        Assert.Equal((HttpStatusCode.InternalServerError, HttpStatusCode.OK), (first.Answered, second.Answered));
        Assert.Equal(first.Body, second.Body);
    }

    [Fact]
    public async Task AGracefulStopSendsTheAlertsStillWaiting()
    {
        // The first answer is a 500: the loop waits to retry while more alerts queue up behind it.
        using var receiver = new WebhookReceiver(HttpStatusCode.InternalServerError);
        using var webhook = Webhook(receiver.Url("/hook"));
        await webhook.StartAsync(CancellationToken.None);
        webhook.Deliver(Alert with { Value = 0 });
        await receiver.NextAsync(Within);
        for (var i = 1; i <= 4; i++)
        {
            webhook.Deliver(Alert with { Value = i });
        }

        await webhook.StopAsync(CancellationToken.None);
        var values = new HashSet<double>();
        while (!values.IsSupersetOf([1, 2, 3, 4]))
        {
            using var json = JsonDocument.Parse((await receiver.NextAsync(Within)).Body);
            values.Add(json.RootElement.GetProperty("value").GetDouble());
        }

        Assert.Superset(new HashSet<double> { 1, 2, 3, 4 }, values);
    }

    [Fact]
    public void DeliveryNeverWaitsAndAFullQueueDropsTheOldest()
    {
        var instruments = TestMeasurements.Instruments();
        using var webhook = Webhook("http://127.0.0.1:9/hook", queue: 10, instruments: instruments);
        long counted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PipelineInstruments.MeterName && instrument.Name == MetricNames.MetricsDropped)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags.ToArray().Contains(new KeyValuePair<string, object?>("reason", "webhook_queue")))
            {
                Interlocked.Add(ref counted, value);
            }
        });
        listener.Start();

        // Not started: nothing drains the queue.
        for (var i = 0; i < 15; i++)
        {
            webhook.Deliver(Alert);
        }

        Assert.Equal(5, webhook.Dropped);
        Assert.Equal(5, Interlocked.Read(ref counted));
    }

    [Fact]
    public async Task AFailedDeliveryIsLoggedWithoutTheUrlsSecrets()
    {
        var logger = new ListLogger<AlertWebhook>();
        var closedPort = LoopbackPorts.Next();
        using var webhook = Webhook($"http://user:pa55@127.0.0.1:{closedPort}/hook?token=s3cret", retries: 0, logger: logger);
        await webhook.StartAsync(CancellationToken.None);

        webhook.Deliver(Alert);
        await Eventually.Get(() => Task.FromResult(logger.Lines), lines => lines.Any(l => l.Contains("was not delivered", StringComparison.Ordinal)), Within, "failure logged");
        await webhook.StopAsync(CancellationToken.None);

        Assert.Contains(logger.Lines, l => l.Contains($"http://127.0.0.1:{closedPort}", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, l => l.Contains("/hook", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, l => l.Contains("s3cret", StringComparison.Ordinal) || l.Contains("pa55", StringComparison.Ordinal));
    }

    [Fact]
    public void AReceiverIsDescribedWithoutUserInfoPathOrQuery() =>
        Assert.Equal("https://hooks.example.com:8443", AlertWebhook.Describe(new Uri("https://bot:key@hooks.example.com:8443/services/T000/B000/XXXX?token=abc#x")));

    private static AlertWebhook Webhook(string url, int queue = 100, int retries = 2, ILogger<AlertWebhook>? logger = null, PipelineInstruments? instruments = null) => new(
        Options.Create(new AlertOptions { WebhookUrl = url, WebhookQueue = queue, WebhookRetries = retries, WebhookTimeout = TimeSpan.FromSeconds(2) }),
        instruments ?? TestMeasurements.Instruments(),
        logger ?? new ListLogger<AlertWebhook>());
}
