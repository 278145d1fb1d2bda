using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using OrleansBots.Capacity;
using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Tests.Capacity;

[Collection(ClusterCollection.Name)]
public sealed class CapacityAlertDispatchTests(ClusterFixture fixture) : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private ICapacityGrain Capacity => fixture.Grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey);

    private IServiceProvider Silo => fixture.Cluster.Silos[0].SiloHost.Services;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Eventually.Get(() => Capacity.GetCapacity(), c => c.CurrentBots == 0, TimeSpan.FromSeconds(15), "all leases released");
        await Capacity.ChangeLimits(new LimitsChange(200, 1, 500, 80, 100));
    }

    [Fact]
    public async Task ACapacityAlertReachesSubscribedCallbacksAndTheSilosRecentAlerts()
    {
        await Capacity.ChangeLimits(new LimitsChange(MaxConcurrentBots: 10, MaxBotsPerUser: 100, AlertThreshold: 70));
        var received = new ConcurrentQueue<AlertRecord>();
        using var subscription = Silo.GetRequiredService<AlertDispatcher>().Subscribe(received.Enqueue);

        for (var i = 0; i < 10; i++)
        {
            await Capacity.TryAcquire($"{_run}-bot-{i}", $"{_run}-user");
        }

        for (var i = 0; i < 10; i++)
        {
            await Capacity.Release($"{_run}-bot-{i}");
        }

        var alerts = received.Where(a => a.Rule == "capacity").ToList();
        Assert.Equal([70.0, 95.0, 100.0], alerts.Select(a => a.Threshold));
        Assert.Equal([AlertSeverity.Warning, AlertSeverity.Critical, AlertSeverity.Critical], alerts.Select(a => a.Severity));
        Assert.All(alerts, a => Assert.Equal("platform", a.Scope));
        Assert.Equal([70.0, 100.0, 100.0], alerts.Select(a => a.Value));
        Assert.Contains("Platform full: 10/10", alerts[^1].Message);
        var recent = Silo.GetRequiredService<RecentAlerts>().Latest(3);
        Assert.Equal(alerts.AsEnumerable().Reverse(), recent);
    }
}
