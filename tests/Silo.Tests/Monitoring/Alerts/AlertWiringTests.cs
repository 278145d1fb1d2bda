using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using System.Text.Json;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Bottlenecks;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Silo.Tests.Monitoring.Alerts;

/// <summary>The services a silo registers: a metric batch reaches the alert rules, the webhook and the bottleneck finder.</summary>
public sealed class AlertWiringTests
{
    [Fact]
    public async Task ABatchOverAThresholdReachesTheWebhookAndTheBottlenecks()
    {
        using var receiver = new WebhookReceiver();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddPlatform()
            .Configure<AlertOptions>(o => o.WebhookUrl = receiver.Url("/alerts"));
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        var at = DateTimeOffset.UtcNow;
        var batch = new MetricBatch("silo-a", at.AddSeconds(-10), at,
            [new MetricAggregate(at, "silo-a", "memory_usage_percent", "{}", MetricKind.Gauge, 91.5, 1, 91.5, 91.5, null)]);
        foreach (var observer in provider.GetServices<IMetricBatchObserver>())
        {
            observer.OnBatch(batch);
        }

        var request = await receiver.NextAsync(TimeSpan.FromSeconds(10));
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(("memory", "silo-a", 91.5, 85.0), (
            json.RootElement.GetProperty("rule").GetString(), json.RootElement.GetProperty("scope").GetString(),
            json.RootElement.GetProperty("value").GetDouble(), json.RootElement.GetProperty("threshold").GetDouble()));
        var resource = Assert.Single(provider.GetRequiredService<BottleneckFinder>().Report.Resources);
        Assert.Equal(("memory", 91.5), (resource.Resource, resource.Value));
    }
}
