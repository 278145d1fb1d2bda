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
/// Aggregates per second into PostgreSQL, three ways over the same rows in the same run, each into empty tables: a
/// raw Npgsql binary COPY into a table shaped and indexed like <c>metrics</c> (the physical limit), the store's write
/// alone (<see cref="PostgresMetricStore.WriteAsync"/>), and the whole pipeline in one in-process silo (metrics
/// streams → one writer grain per stream → the store). With 1 and 4 writers: raw COPY and the store on as many
/// connections, the pipeline with as many streams and writer grains (each writing on its own connection). The three
/// peers take turns within each round; the table shows the median of the rounds with the lowest and highest beside it.
/// </summary>
public sealed class PipelineBenchmark : IBenchmark
{
    private const int BatchSize = 5_000;
    private const int SeriesPerBatch = 1_000;

    public string Name => "pipeline";

    public async Task<Report> RunAsync(bool quick)
    {
        var rows = quick ? 100_000 : 500_000;
        var rounds = quick ? 3 : 5;
        await using var server = await PostgresServer.StartAsync();
        var database = $"orleansbots_bench_{Guid.NewGuid():N}"[..30];
        await ExecuteAsync(server.ConnectionString, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString;
        var report = new Report(Name, ["path", "writers", "rows", "rows_per_s", "rows_per_s_min", "rows_per_s_max", "vs_raw_copy", "vs_raw_copy_min", "vs_raw_copy_max"]);
        report.Notes.Add($"PostgreSQL: {server.Description}; {rows:N0} aggregates (1/3 histograms with 16 buckets, labels {{\"operation\":...}}), batches of {SeriesPerBatch:N0} series per writer and interval");
        report.Notes.Add($"{rounds} rounds; the peers take turns within each round; rows_per_s: median of the rounds (min, max beside it); vs_raw_copy: median of the per-round ratios to raw_copy with as many writers in the same round");
        report.Notes.Add("raw_copy: binary COPY in transactions of 5,000 rows into an empty table with the same columns and indexes as metrics, one connection per writer");
        report.Notes.Add("store_write: PostgresMetricStore.WriteAsync, 5,000 rows per call, one caller (and connection) per writer");
        report.Notes.Add("stream: one silo process; MetricBatch items published on one metrics stream per writer (memory streams), one writer grain per stream; timed until the store has committed the last row (counted in process, no query on the database while timing; the row count is checked after)");
        report.Notes.Add($"load average at the start: {Rounds.Load()}");
        try
        {
            await ExecuteAsync(connectionString, Schema());
            await ExecuteAsync(connectionString, "CREATE TABLE metrics_copy (LIKE metrics INCLUDING ALL)");
            await using var pipeline = await StreamPipeline.StartAsync(connectionString);
            foreach (var writers in new[] { 1, 4 })
            {
                // Each writer's rows go their own way: one connection (raw, store) or one stream and writer grain (stream).
                var perWriter = Generate(rows, writers).GroupBy(a => a.Silo).Select(g => g.ToArray()).ToList();
                var results = new Dictionary<string, List<double>> { ["raw_copy"] = [], ["store_write"] = [], ["stream"] = [] };
                for (var round = 0; round < rounds; round++)
                {
                    var order = results.Keys.ToList();
                    for (var turn = 0; turn < order.Count; turn++)
                    {
                        var path = order[(round + turn) % order.Count];
                        Console.WriteLine($"  {writers} writer(s), round {round + 1}/{rounds}: {path} of {rows:N0} rows ...");
                        var seconds = path switch
                        {
                            "raw_copy" => await RawCopyAsync(connectionString, perWriter),
                            "store_write" => await StoreWriteAsync(connectionString, perWriter),
                            _ => await pipeline.RunAsync(connectionString, perWriter, rows),
                        };
                        results[path].Add(rows / seconds);
                    }
                }

                var raw = results["raw_copy"];
                foreach (var (path, rates) in results)
                {
                    var ratios = rates.Zip(raw, (rate, copy) => rate / copy).ToList();
                    report.Add(path, writers, rows, Rounds.Median(rates), rates.Min(), rates.Max(), Rounds.Median(ratios), ratios.Min(), ratios.Max());
                }
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }

        report.Notes.Add($"load average at the end: {Rounds.Load()}");
        return report;
    }

    private static async Task<double> RawCopyAsync(string connectionString, IReadOnlyList<MetricAggregate[]> perWriter)
    {
        await ExecuteAsync(connectionString, "TRUNCATE metrics_copy");
        return await TimeAsync(() => Task.WhenAll(perWriter.Select(async rows =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            foreach (var chunk in rows.Chunk(BatchSize))
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await PostgresMetricStore.CopyAsync(connection, "metrics_copy", chunk, CancellationToken.None);
                await transaction.CommitAsync();
            }
        })));
    }

    private static async Task<double> StoreWriteAsync(string connectionString, IReadOnlyList<MetricAggregate[]> perWriter)
    {
        await ExecuteAsync(connectionString, "TRUNCATE metrics");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var metrics = new PostgresMetricStore(dataSource);
        return await TimeAsync(() => Task.WhenAll(perWriter.Select(async rows =>
        {
            foreach (var chunk in rows.Chunk(BatchSize))
            {
                await metrics.WriteAsync(chunk, [], CancellationToken.None);
            }
        })));
    }

    /// <summary>One in-process silo with the metrics pipeline on PostgreSQL, kept for every stream round of the run.</summary>
    private sealed class StreamPipeline : IAsyncDisposable
    {
        private readonly InProcessTestCluster _cluster;
        private readonly CountingMetricStore _store;

        private StreamPipeline(InProcessTestCluster cluster, CountingMetricStore store)
        {
            _cluster = cluster;
            _store = store;
        }

        public static async Task<StreamPipeline> StartAsync(string connectionString)
        {
            var builder = new InProcessTestClusterBuilder(1);
            builder.ConfigureSilo((_, silo) =>
            {
                silo.Services.AddSingleton<CountingMetricStore>();
                silo.Services.AddSingleton<IMetricStore>(provider => provider.GetRequiredService<CountingMetricStore>());
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
            return new StreamPipeline(cluster, cluster.Silos[0].ServiceProvider.GetRequiredService<CountingMetricStore>());
        }

        /// <summary>Publishes every writer's batches on its own stream as fast as the stream takes them; timed until the store committed the last row.</summary>
        public async Task<double> RunAsync(string connectionString, IReadOnlyList<MetricAggregate[]> perWriter, int rows)
        {
            await ExecuteAsync(connectionString, "TRUNCATE metrics");
            var client = _cluster.Silos[0].ServiceProvider.GetRequiredService<IClusterClient>();
            var provider = client.GetStreamProvider(MetricStreams.Provider);
            var streams = perWriter
                .Select(writer => (Silo: writer[0].Silo, Batches: writer.Chunk(SeriesPerBatch).Select(chunk => new MetricBatch(chunk[0].Silo, chunk[0].Timestamp.AddSeconds(-10), chunk[0].Timestamp, chunk)).ToList()))
                .ToList();
            foreach (var (silo, _) in streams)
            {
                await client.GetGrain<IMetricsWriterGrain>(silo).Wake();
            }

            _store.Reset();
            var seconds = await TimeAsync(async () =>
            {
                await Task.WhenAll(streams.Select(async writer =>
                {
                    var stream = provider.GetStream<MetricBatch>(StreamId.Create(MetricStreams.MetricsNamespace, writer.Silo));
                    foreach (var batch in writer.Batches)
                    {
                        await stream.OnNextAsync(batch);
                    }
                }));
                while (_store.Written < rows)
                {
                    await Task.Delay(5);
                }
            });
            var stored = await CountAsync(connectionString);
            if (stored != rows)
            {
                throw new InvalidOperationException($"the pipeline stored {stored:N0} rows, not {rows:N0}");
            }

            return seconds;
        }

        public async ValueTask DisposeAsync()
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Distinct rows: per writer (its silo name), intervals of <see cref="SeriesPerBatch"/> series, ten seconds apart.</summary>
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
