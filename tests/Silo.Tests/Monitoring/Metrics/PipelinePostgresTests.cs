using Npgsql;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Silo.Tests.Monitoring.Metrics;

/// <summary>The pipeline into a real PostgreSQL, cut off at a proxy during the run and at shutdown.</summary>
public sealed class PipelinePostgresTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [RequiresServersFact]
    public async Task EveryAggregateIsStoredOnceThroughAPostgresOutage()
    {
        await using var proxy = Proxy(out var throughProxy);
        using var spool = new TempFolder();
        var source = new ScriptedBatchSource($"outage-{Guid.NewGuid():N}") { SeriesPerCollect = 20 };

        // A small memory bound, so that the outage also goes through the disk spool.
        await using var cluster = await PipelineCluster.StartAsync(throughProxy, source, spool.Path, o =>
        {
            o.MaxBufferedRows = 50;
            o.WriteBatchSize = 20;
        });
        await Eventually.Get(() => MetricRows.CountAsync(TestServers.Postgres!, source.Silo), c => c.Rows > 0, Within, "first rows stored");
        proxy.Cut();
        await Eventually.Get(() => Task.FromResult(Directory.GetFiles(spool.Path, "*.ndjson").Length), files => files > 0, Within, "the outage overflowed the memory bound to disk");
        proxy.Restore();
        await Task.Delay(TimeSpan.FromSeconds(2));
        source.SeriesPerCollect = 0;
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var stored = await Eventually.Get(() => MetricRows.CountAsync(TestServers.Postgres!, source.Silo), c => c.Rows >= source.Produced, Within, "every aggregate stored");

        Assert.Equal(source.Produced, stored.Rows);
        Assert.Equal(stored.Rows, stored.Distinct);
        Assert.Empty(Directory.GetFiles(spool.Path, "*.ndjson"));
    }

    [RequiresServersFact]
    public async Task AGracefulShutdownWithPostgresDownLosesNothingAndTheNextStartWritesIt()
    {
        await using var proxy = Proxy(out var throughProxy);
        using var spool = new TempFolder();
        var source = new ScriptedBatchSource($"shutdown-{Guid.NewGuid():N}") { SeriesPerCollect = 15 };
        var first = await PipelineCluster.StartAsync(throughProxy, source, spool.Path);
        proxy.Cut();
        await Eventually.Get(() => Task.FromResult(source.Produced), produced => produced >= 30, Within, "two intervals produced during the outage");

        // The last interval is collected at the stop; nothing reaches PostgreSQL, everything must reach the spool.
        await first.StopAsync();
        await first.DisposeAsync();
        var produced = source.Produced;
        var storedBeforeRestart = await MetricRows.CountAsync(TestServers.Postgres!, source.Silo);
        var spilled = Directory.GetFiles(spool.Path, "*.ndjson").Length;
        proxy.Restore();
        source.SeriesPerCollect = 0;
        await using var second = await PipelineCluster.StartAsync(throughProxy, source, spool.Path);

        var stored = await Eventually.Get(() => MetricRows.CountAsync(TestServers.Postgres!, source.Silo), c => c.Rows >= produced, Within, "spilled aggregates replayed");

        Assert.True(produced >= 30);
        Assert.Equal(0, storedBeforeRestart.Rows);
        Assert.True(spilled > 0);
        Assert.Equal(produced, stored.Rows);
        Assert.Equal(stored.Rows, stored.Distinct);
    }

    [RequiresServersFact]
    public async Task AGracefulShutdownWritesTheLastInterval()
    {
        using var spool = new TempFolder();
        var source = new ScriptedBatchSource($"last-{Guid.NewGuid():N}");
        await using var cluster = await PipelineCluster.StartAsync(TestServers.Postgres!, source, spool.Path, o => o.IntervalSeconds = 3600);

        source.SeriesPerCollect = 12;
        await cluster.StopAsync();
        var stored = await MetricRows.CountAsync(TestServers.Postgres!, source.Silo);

        Assert.Equal(12, source.Produced);
        Assert.Equal(12, stored.Rows);
    }

    private static TcpProxy Proxy(out string throughProxy)
    {
        var real = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        var proxy = new TcpProxy("127.0.0.1", real.Port);
        throughProxy = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Port = proxy.Port, Timeout = 3, CommandTimeout = 5 }.ConnectionString;
        return proxy;
    }
}
