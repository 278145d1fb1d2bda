using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Diagnostics;
using System.Reflection;
using Npgsql;
using Orleans.Streams;
using Orleans.TestingHost;
using OrleansBots.Monitoring;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;

namespace OrleansBots.Benchmarks;

/// <summary>
/// Aggregates per second into PostgreSQL, three ways over the same rows in the same run: a raw Npgsql binary
/// COPY into a table shaped and indexed like <c>metrics</c> (the physical limit), the store's write alone
/// (COPY into a temp table + INSERT ... ON CONFLICT DO NOTHING), and the whole pipeline (metrics stream →
/// writer grain → store) in an in-process silo, for 1 and 4 publishing silos.
/// </summary>
public sealed class PipelineBenchmark : IBenchmark
{
    private const int BatchSize = 5_000;
    private const int SeriesPerBatch = 1_000;

    public string Name => "pipeline";

    public async Task<Report> RunAsync(bool quick)
    {
        var rows = quick ? 100_000 : 500_000;
        await using var server = await PostgresServer.StartAsync();
        var database = $"orleansbots_bench_{Guid.NewGuid():N}"[..30];
        await ExecuteAsync(server.ConnectionString, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString;
        var report = new Report(Name, ["path", "silos", "rows", "seconds", "rows_per_s", "vs_raw_copy", "published_s"]);
        report.Notes.Add($"PostgreSQL: {server.Description}; {rows:N0} aggregates (1/3 histograms with 16 buckets, labels {{\"operation\":...}}), batches of {SeriesPerBatch:N0} series per silo and interval");
        report.Notes.Add("raw_copy: binary COPY in transactions of 5,000 rows into an empty table with the same columns and indexes as metrics, one connection per silo");
        report.Notes.Add("store_write: PostgresMetricStore.WriteAsync, 5,000 rows per call, one caller per silo (COPY into a temp table, INSERT ... ON CONFLICT DO NOTHING)");
        report.Notes.Add("vs_raw_copy = rows_per_s / rows_per_s of raw_copy with as many silos (1.0 = the physical limit)");
        report.Notes.Add("stream: MetricBatch items published on the metrics stream (memory streams), writer grain per silo, measured until the last row is in PostgreSQL; published_s: until the last batch was accepted by the stream");
        try
        {
            await ExecuteAsync(connectionString, Schema());
            await ExecuteAsync(connectionString, "CREATE TABLE metrics_copy (LIKE metrics INCLUDING ALL)");
            foreach (var silos in new[] { 1, 4 })
            {
                // Each silo's rows go their own way: one connection (raw, store) or one writer grain (stream) per silo.
                var perSilo = Generate(rows, silos).GroupBy(a => a.Silo).Select(g => g.ToArray()).ToList();
                await ExecuteAsync(connectionString, "TRUNCATE metrics_copy");
                Console.WriteLine($"  raw COPY of {rows:N0} rows, {silos} connection(s) ...");
                var raw = await TimeAsync(() => Task.WhenAll(perSilo.Select(async silo =>
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync();
                    foreach (var chunk in silo.Chunk(BatchSize))
                    {
                        await using var transaction = await connection.BeginTransactionAsync();
                        await PostgresMetricStore.CopyAsync(connection, "metrics_copy", chunk, CancellationToken.None);
                        await transaction.CommitAsync();
                    }
                })));
                report.Add("raw_copy", silos, rows, raw, rows / raw, 1.0, null);

                await ExecuteAsync(connectionString, "TRUNCATE metrics");
                Console.WriteLine($"  store writes of {rows:N0} rows, {silos} caller(s) ...");
                var store = await TimeAsync(async () =>
                {
                    await using var dataSource = NpgsqlDataSource.Create(connectionString);
                    var metrics = new PostgresMetricStore(dataSource);
                    await Task.WhenAll(perSilo.Select(async silo =>
                    {
                        foreach (var chunk in silo.Chunk(BatchSize))
                        {
                            await metrics.WriteAsync(chunk, [], CancellationToken.None);
                        }
                    }));
                });
                report.Add("store_write", silos, rows, store, rows / store, raw / store, null);

                await ExecuteAsync(connectionString, "TRUNCATE metrics");
                Console.WriteLine($"  stream → writer → PostgreSQL, {silos} publishing silo(s) ...");
                var (stream, published) = await StreamAsync(connectionString, [.. perSilo.SelectMany(silo => silo)]);
                report.Add("stream", silos, rows, stream, rows / stream, raw / stream, published);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }

        return report;
    }

    /// <summary>Publishes every batch on its silo's stream as fast as the stream takes them, then waits for the last row.</summary>
    private static async Task<(double Seconds, double Published)> StreamAsync(string connectionString, IReadOnlyList<MetricAggregate> aggregates)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMetricsPipeline(connectionString);
            silo.Services.Configure<MetricsOptions>(o =>
            {
                o.FlushInterval = TimeSpan.FromMilliseconds(100);
                o.IntervalSeconds = 3600;
                o.MaxBufferedRows = 1_000_000;
                o.SpoolDirectory = Path.Combine(Path.GetTempPath(), $"orleansbots-bench-spool-{Guid.NewGuid():N}");
            });
            silo.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var client = cluster.Silos[0].ServiceProvider.GetRequiredService<IClusterClient>();
            var provider = client.GetStreamProvider(MetricStreams.Provider);
            var batches = aggregates
                .GroupBy(a => a.Silo)
                .Select(silo => (Silo: silo.Key, Batches: silo.Chunk(SeriesPerBatch).Select(chunk => new MetricBatch(silo.Key, chunk[0].Timestamp.AddSeconds(-10), chunk[0].Timestamp, chunk)).ToList()))
                .ToList();
            foreach (var (silo, _) in batches)
            {
                await client.GetGrain<IMetricsWriterGrain>(silo).Wake();
            }

            var published = 0.0;
            var seconds = await TimeAsync(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                await Task.WhenAll(batches.Select(async silo =>
                {
                    var stream = provider.GetStream<MetricBatch>(StreamId.Create(MetricStreams.MetricsNamespace, silo.Silo));
                    foreach (var batch in silo.Batches)
                    {
                        await stream.OnNextAsync(batch);
                    }
                }));
                published = Stopwatch.GetElapsedTime(started).TotalSeconds;
                while (await CountAsync(connectionString) < aggregates.Count)
                {
                    await Task.Delay(20);
                }
            });
            return (seconds, published);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Distinct rows: per silo, intervals of <see cref="SeriesPerBatch"/> series, ten seconds apart.</summary>
    private static List<MetricAggregate> Generate(int rows, int silos)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var aggregates = new List<MetricAggregate>(rows);
        for (var i = 0; i < rows; i++)
        {
            var silo = i % silos;
            var index = i / silos;
            var series = index % SeriesPerBatch;
            var at = start.AddSeconds(10 * (index / SeriesPerBatch));
            var labels = $"{{\"operation\":\"op_{series:D4}\"}}";
            aggregates.Add(series % 3 == 0
                ? new MetricAggregate(at, $"bench-{silo}", "operation_execution_time", labels, MetricKind.Histogram, 1.25, 200, 0.0004, 0.9, [1, 4, 10, 30, 50, 40, 30, 20, 10, 3, 1, 1, 0, 0, 0, 0])
                : new MetricAggregate(at, $"bench-{silo}", series % 3 == 1 ? "operation_count" : "cpu_usage_percent", labels, series % 3 == 1 ? MetricKind.Counter : MetricKind.Gauge, 42, 10, 1, 90, null));
        }

        return aggregates;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<long> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM metrics", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Schema()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("sql/002_metrics.sql")
            ?? throw new InvalidOperationException("deploy/sql/002_metrics.sql is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
