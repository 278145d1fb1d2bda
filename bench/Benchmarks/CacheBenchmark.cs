using System.Diagnostics;
using OrleansBots.Cache;
using StackExchange.Redis;

namespace OrleansBots.Benchmarks;

/// <summary>
/// Cache throughput and latency, 90 % reads of 1 KB values over a fixed key space, N concurrent callers:
/// the silo's <see cref="ShardedCache"/> (64 shard grains, in-process silo) and, in the same run, a
/// throw-away redis-server on loopback through one StackExchange.Redis multiplexer.
/// </summary>
public sealed class CacheBenchmark : IBenchmark
{
    private const int Keys = 10_000;
    private const int ValueBytes = 1024;
    private const int ReadPercent = 90;

    public string Name => "cache";

    public async Task<Report> RunAsync(bool quick)
    {
        int[] concurrencies = [64, 256];
        var duration = TimeSpan.FromSeconds(quick ? 4 : 15);
        var warmup = TimeSpan.FromSeconds(quick ? 1 : 3);
        var keys = Enumerable.Range(0, Keys).Select(i => "price:" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var value = new byte[ValueBytes];
        new Random(7).NextBytes(value);

        var report = new Report(Name,
        [
            "concurrency", "ops_per_s", "p50_ms", "p99_ms", "redis_ops_per_s", "redis_p50_ms", "redis_p99_ms", "ops_ratio", "p99_ratio",
            "alloc_bytes_per_op", "redis_alloc_bytes_per_op", "gc_pause_ms", "redis_gc_pause_ms",
        ]);
        report.Notes.Add($"{Keys:N0} keys, {ValueBytes} B values, {ReadPercent} % reads, {duration.TotalSeconds:0} s per run after {warmup.TotalSeconds:0} s warm-up");
        report.Notes.Add("orleans: the silo's ShardedCache singleton (caller in the silo process, 64 shards); redis: loopback TCP, one multiplexer");
        report.Notes.Add("alloc_bytes_per_op: bytes allocated in this process per operation (callers, client, silo); gc_pause_ms: GC pause time during the run");
        report.Notes.Add("ops_ratio = ops_per_s / redis_ops_per_s; p99_ratio = p99_ms / redis_p99_ms (lower is better)");

        // Both systems are up for the whole run and measured alternately, so load from elsewhere on the
        // machine hits both alike.
        await using var cluster = await BenchCluster.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        var cache = cluster.Cache;
        var db = redis.Connection.GetDatabase();
        var ttl = new CacheOptions().DefaultTtl;
        foreach (var key in keys)
        {
            await cache.SetAsync(key, value);
            await db.StringSetAsync(key, value, ttl);
        }

        foreach (var concurrency in concurrencies)
        {
            Console.WriteLine($"  orleans, {concurrency} callers ...");
            await RunAsync(concurrency, warmup, keys, read: k => cache.GetAsync(k), write: k => cache.SetAsync(k, value));
            var orleans = await RunAsync(concurrency, duration, keys, read: k => cache.GetAsync(k), write: k => cache.SetAsync(k, value));
            Console.WriteLine($"  redis (127.0.0.1:{redis.Port}), {concurrency} callers ...");
            await RunAsync(concurrency, warmup, keys, read: k => db.StringGetAsync(k), write: k => db.StringSetAsync(k, value, ttl));
            var measured = await RunAsync(concurrency, duration, keys, read: k => db.StringGetAsync(k), write: k => db.StringSetAsync(k, value, ttl));
            report.Add(concurrency, orleans.OpsPerSecond, orleans.P50, orleans.P99, measured.OpsPerSecond, measured.P50, measured.P99,
                orleans.OpsPerSecond / measured.OpsPerSecond, orleans.P99 / measured.P99,
                orleans.AllocatedPerOp, measured.AllocatedPerOp, orleans.GcPauseMs, measured.GcPauseMs);
        }

        return report;
    }

    private static async Task<Result> RunAsync<TRead, TWrite>(int concurrency, TimeSpan duration, string[] keys, Func<string, Task<TRead>> read, Func<string, Task<TWrite>> write)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        var started = Stopwatch.GetTimestamp();
        var parts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            var latencies = new Latencies(64 * 1024);
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= stopAt)
                {
                    return latencies;
                }

                var key = keys[random.Next(keys.Length)];
                if (random.Next(100) < ReadPercent)
                {
                    await read(key);
                }
                else
                {
                    await write(key);
                }

                latencies.Add(Stopwatch.GetTimestamp() - start);
            }
        })));
        var elapsed = Latencies.ToMs(Stopwatch.GetTimestamp() - started) / 1000.0;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
        var all = Latencies.Merge(parts);
        return new Result(all.Count / elapsed, all.PercentileMs(50), all.PercentileMs(99), allocated / (double)all.Count, paused);
    }

    private readonly record struct Result(double OpsPerSecond, double P50, double P99, double AllocatedPerOp, double GcPauseMs);
}
