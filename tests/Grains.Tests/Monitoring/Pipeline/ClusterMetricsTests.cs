using Microsoft.Extensions.DependencyInjection;
using OrleansBots.Bots;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Tests.Monitoring.Pipeline;

[Collection(ClusterCollection.Name)]
public sealed class ClusterMetricsTests(ClusterFixture fixture)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private IServiceProvider SiloServices => fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.GetActiveSilos().First().SiloAddress);

    private IMetricBatchSource Source => SiloServices.GetRequiredService<IMetricBatchSource>();

    [Fact]
    public async Task ARunningBotsTicksAreTimedAndTheirLagMeasuredOnItsSilo()
    {
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-measured");
        await bot.Create($"{_run}-mia", new BotDefinition("measured", BotKind.Trading, ["BTCUSDT"], 0.05, 2, 4, 0.5m));
        await bot.Start();
        MetricBatch batch;
        try
        {
            batch = await Eventually.Get(
                () => Task.FromResult(Source.Collect(DateTimeOffset.UtcNow)),
                b => b.Find(MetricNames.OperationCount, """{"operation":"bot_tick","status":"success"}""") is { Value: >= 2 }
                    && b.Find(MetricNames.BotTickLag) is not null,
                TimeSpan.FromSeconds(20),
                "bot ticks in a collected batch");
        }
        finally
        {
            await bot.Stop();
        }

        var ticks = batch.Find(MetricNames.OperationExecutionTime, """{"operation":"bot_tick"}""")!;
        Assert.Equal(MetricKind.Histogram, ticks.Kind);
        Assert.True(ticks.Count >= 2);
        Assert.Equal(ticks.Count, ticks.BucketCounts!.Sum());
        Assert.Equal(SiloServices.GetRequiredService<ILocalSiloDetails>().Name, batch.Silo);
    }

    [Fact]
    public async Task AGrainCallThatThrowsIsCountedByItsInterface()
    {
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-twice");
        var definition = new BotDefinition("twice", BotKind.Trading, ["BTCUSDT"], 5, 2, 4, 0.5m);
        await bot.Create($"{_run}-noah", definition);

        // Failing again before each collection: a publisher of the silo may have drained an earlier one. Another
        // user's create fails (the owner's own retry returns the bot it created).
        var failures = await Eventually.Get(
            async () =>
            {
                await Assert.ThrowsAsync<InvalidOperationException>(() => bot.Create($"{_run}-mallory", definition));
                return Source.Collect(DateTimeOffset.UtcNow).Aggregates
                    .Where(a => a.Name == MetricNames.GrainCallFailures && a.Labels.Contains("IBotGrain", StringComparison.Ordinal))
                    .ToList();
            },
            found => found.Count > 0,
            TimeSpan.FromSeconds(10),
            "a counted grain call failure");

        Assert.Equal(MetricKind.Counter, failures[0].Kind);
        Assert.True(failures.Sum(a => a.Value) >= 1);
    }
}
