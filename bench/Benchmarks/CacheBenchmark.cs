using System.Diagnostics;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansBots.Cache;
using OrleansBots.Tests;
using StackExchange.Redis;

namespace OrleansBots.Benchmarks;

/// <summary>
/// Cache throughput and latency, 90 % reads of 1 KB values over a fixed key space, N concurrent callers, three peers
/// on the same trace in the same run: the silo's <see cref="ShardedCache"/> (64 shard grains), the same with a per-silo
/// near cache, and a throw-away redis-server on loopback through one StackExchange.Redis multiplexer. Two setups:
/// one in-process silo, and three silo processes on Redis clustering with the callers in one of them, so that most
/// shards live in another process and most calls cross loopback TCP. Each round runs every peer once, in turns
/// (the first peer rotates), and the table shows the median of the rounds with the lowest and highest beside it.
/// The near cache runs twice, with and without refreshing hot keys ahead of their near TTL's end.
/// OB_CACHE_SETUPS=1 runs the one-silo setup only (a before/after comparison of the in-process path), =3 the three-silo
/// setup only; OB_CACHE_CALLERS (comma-separated, default 64,256) sets the caller counts; OB_CACHE_READ_PERCENT sets
/// the share of reads (default 90; 100 is a read-only trace, where every near miss is a copy's end rather than a write).
/// OB_CACHE_SAME_LOAD (a share such as 0.5) adds, after each caller count's closed-loop rounds, rounds where every peer
/// is offered the same operations per second (that share of redis's median): a closed loop gives each peer as much
/// work as it can take, so its p99 compares tails at different loads; these rows compare them under the same load.
/// </summary>
public sealed class CacheBenchmark : IBenchmark
{
    private const int Keys = 10_000;
    private const int ValueBytes = 1024;
    private static readonly int ReadPercent = ReadPercentFromEnvironment();
    private static readonly double? SameLoadShare = SameLoadShareFromEnvironment();
    private static readonly TimeSpan NearTtl = TimeSpan.FromSeconds(1);

    // Latencies in Stopwatch ticks with two significant digits (1 % resolution), up to 10 s.
    private static readonly long MaxLatencyTicks = 10 * Stopwatch.Frequency;
    private static readonly LongHistogram[] Histograms = [.. Enumerable.Range(0, 256).Select(_ => new LongHistogram(MaxLatencyTicks, 2))];
    private static readonly LongHistogram[] SetHistograms = [.. Enumerable.Range(0, 256).Select(_ => new LongHistogram(MaxLatencyTicks, 2))];
    private static readonly LongHistogram Merged = new(MaxLatencyTicks, 2);

    public string Name => "cache";

    public async Task<Report> RunAsync(bool quick)
    {
        var plan = new Plan(
            Callers: CallersFromEnvironment(),
            Rounds: quick ? 3 : 5,
            Duration: TimeSpan.FromSeconds(quick ? 3 : 10),
            Warmup: TimeSpan.FromSeconds(quick ? 1 : 2));
        var report = new Report(Name,
        [
            "setup", "callers", "peer", "ops_per_s", "ops_min", "ops_max", "p50_ms", "p99_ms", "p99_min", "p99_max",
            "ops_vs_redis", "p99_vs_redis", "set_p99_ms", "alloc_bytes_per_op", "gc_pause_ms_per_s", "shard_reads_per_op",
        ]);
        report.Notes.Add($"{Keys:N0} keys, {ValueBytes} B values, {ReadPercent} % reads (uniform), {plan.Rounds} rounds of {plan.Duration.TotalSeconds:0} s per peer after {plan.Warmup.TotalSeconds:0} s warm-up; peers take turns within each round");
        report.Notes.Add("ops_per_s, p50_ms, p99_ms: median over the rounds; *_min, *_max: lowest and highest round; *_vs_redis: median of the per-round ratios to redis in the same round (p99: lower is better); set_p99_ms: the sets' own p99 (median over the rounds)");
        report.Notes.Add($"shards: ShardedCache over 64 shard grains; shards + near cache: the same with Cache:NearCacheTtl = {NearTtl.TotalSeconds:0} s, Cache:NearCacheEntries = {Keys:N0} (refreshing hot keys ahead, the default); near, no refresh ahead: the same with Cache:NearCacheRefreshAhead = false; near, sets not relayed: shards + near cache with Cache:RelaySets = false (each set its own grain call; the others send a silo's sets for another silo's shards in one message per batch); redis: loopback TCP, one multiplexer");
        report.Notes.Add($"alloc_bytes_per_op: bytes allocated in the callers' process per operation; gc_pause_ms_per_s: GC pause time of that process per second measured; shard_reads_per_op: reads that reached a shard grain per operation of the trace ({100 - ReadPercent} % of which are sets, not counted; a refresh started just before a round's end may count in the next peer's round)");

        var setups = Environment.GetEnvironmentVariable("OB_CACHE_SETUPS");
        if (setups is { Length: > 0 } and not ("1" or "3"))
        {
            throw new ArgumentException($"OB_CACHE_SETUPS must be 1 or 3 (unset runs both), not '{setups}'");
        }

        await using var redis = await RedisServer.StartAsync();
        Console.WriteLine($"  load: {Rounds.Load()}");
        if (setups != "3")
        {
            await using var cluster = await BenchCluster.StartAsync();
            await MeasureAsync(report, "1 silo", cluster.Services, redis, plan);
        }

        if (setups != "1")
        {
            await MeasureThreeSilosAsync(report, redis, plan);
        }

        report.Notes.Add($"load average at the end: {Rounds.Load()}");
        return report;
    }

    private static async Task MeasureThreeSilosAsync(Report report, RedisServer redis, Plan plan)
    {
        var redisConfig = $"127.0.0.1:{redis.Port}";
        var clusterId = $"bench-cache-{Guid.NewGuid():N}"[..24];
        using var host = CacheSiloHost.Build(redisConfig, clusterId, LoopbackPorts.Next(), LoopbackPorts.Next());
        await host.StartAsync();
        var others = new[] { CacheSiloHost.StartProcess(redisConfig, clusterId), CacheSiloHost.StartProcess(redisConfig, clusterId) };
        try
        {
            var management = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
            var manifest = host.Services.GetRequiredService<IClusterManifestProvider>();
            var waited = Stopwatch.StartNew();

            // Active, and their grain types known here: until then placement sees only this silo and every shard lands in it.
            while ((await management.GetHosts(onlyActive: true)).Count < 3 || manifest.Current.Silos.Count < 3)
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(90) || others.Any(p => p.HasExited))
                {
                    throw new InvalidOperationException("the three-silo cluster did not form");
                }

                await Task.Delay(250);
            }

            await MeasureAsync(report, "3 silos", host.Services, redis, plan, async () =>
            {
                var here = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
                var shards = (await management.GetDetailedGrainStatistics())
                    .Where(grain => grain.GrainType.Contains("CacheShard", StringComparison.OrdinalIgnoreCase))
                    .ToList();
                var local = shards.Count(grain => grain.SiloAddress.Equals(here));
                report.Notes.Add($"3 silos: {shards.Count} shard activations, {local} in the callers' silo and {shards.Count - local} in the two other silo processes");
            });
        }
        finally
        {
            await Task.WhenAll(others.Select(CacheSiloHost.StopProcessAsync));
            await host.StopAsync(TimeSpan.FromSeconds(15));
        }
    }

    private static async Task MeasureAsync(Report report, string setup, IServiceProvider services, RedisServer redis, Plan plan, Func<Task>? afterFill = null)
    {
        var keys = KeySpace(Keys);
        var value = new byte[ValueBytes];
        new Random(7).NextBytes(value);
        var shards = services.GetRequiredService<ShardedCache>();
        var near = ShardsWithNearCache(services, refreshAhead: true);
        var nearOnly = ShardsWithNearCache(services, refreshAhead: false);
        var nearUnrelayed = ShardsWithNearCache(services, refreshAhead: true, relaySets: false);
        var db = redis.Connection.GetDatabase();
        var ttl = new CacheOptions().DefaultTtl;
        foreach (var chunk in keys.Chunk(500))
        {
            await Task.WhenAll(chunk.Select(key => shards.SetAsync(key, value)));
            await Task.WhenAll(chunk.Select(key => db.StringSetAsync(key, value, ttl)));
        }

        if (afterFill is not null)
        {
            await afterFill();
        }

        Peer[] peers =
        [
            new("shards", k => shards.GetAsync(k), k => shards.SetAsync(k, value)),
            new("shards + near cache", k => near.GetAsync(k), k => near.SetAsync(k, value)),
            new("near, no refresh ahead", k => nearOnly.GetAsync(k), k => nearOnly.SetAsync(k, value)),
            new("near, sets not relayed", k => nearUnrelayed.GetAsync(k), k => nearUnrelayed.SetAsync(k, value)),
            new("redis", async k => await db.StringGetAsync(k), k => db.StringSetAsync(k, value, ttl)),
        ];
        foreach (var callers in plan.Callers)
        {
            var results = await RunRoundsAsync(setup, callers, plan, peers, keys, shards, ratePerSecond: null);
            AddRows(report, setup, callers, peers, results);
            if (SameLoadShare is { } share)
            {
                var rate = Rounds.Median(results[^1].Select(r => r.OpsPerSecond)) * share;
                var sameLoad = $"{setup}, same load";
                report.Notes.Add($"{sameLoad}, {callers} callers: every peer offered {rate:N0} ops/s ({share:0.##} × redis's median above), latency counted from when an operation was due");
                AddRows(report, sameLoad, callers, peers, await RunRoundsAsync(sameLoad, callers, plan, peers, keys, shards, rate));
            }
        }
    }

    /// <summary>The trace's keys: <paramref name="count"/> price keys, the same in every cache benchmark.</summary>
    internal static string[] KeySpace(int count) =>
        [.. Enumerable.Range(0, count).Select(i => "price:" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Every peer once per round, the first peer rotating; a null rate runs the closed loop.</summary>
    private static async Task<List<Result>[]> RunRoundsAsync(string setup, int callers, Plan plan, Peer[] peers, string[] keys, ShardedCache shards, double? ratePerSecond)
    {
        var results = peers.Select(_ => new List<Result>()).ToArray();
        for (var round = 0; round < plan.Rounds; round++)
        {
            for (var turn = 0; turn < peers.Length; turn++)
            {
                var p = (round + turn) % peers.Length;
                Console.WriteLine($"  {setup}, {callers} callers, round {round + 1}/{plan.Rounds}: {peers[p].Name} ...");
                await RunAsync(callers, plan.Warmup, keys, peers[p], ratePerSecond);
                var readsBefore = await ShardReadsAsync(shards);
                var result = await RunAsync(callers, plan.Duration, keys, peers[p], ratePerSecond);
                results[p].Add(result with { ShardReadsPerOp = (await ShardReadsAsync(shards) - readsBefore) / (double)result.Ops });
            }
        }

        return results;
    }

    private static void AddRows(Report report, string setup, int callers, Peer[] peers, List<Result>[] results)
    {
        var redisResults = results[^1];
        for (var p = 0; p < peers.Length; p++)
        {
            var rounds = results[p];
            report.Add(
                setup, callers, peers[p].Name,
                Rounds.Median(rounds.Select(r => r.OpsPerSecond)), rounds.Min(r => r.OpsPerSecond), rounds.Max(r => r.OpsPerSecond),
                Rounds.Median(rounds.Select(r => r.P50)),
                Rounds.Median(rounds.Select(r => r.P99)), rounds.Min(r => r.P99), rounds.Max(r => r.P99),
                Rounds.Median(rounds.Zip(redisResults, (r, x) => r.OpsPerSecond / x.OpsPerSecond)),
                Rounds.Median(rounds.Zip(redisResults, (r, x) => r.P99 / x.P99)),
                Rounds.Median(rounds.Select(r => r.SetP99)),
                Rounds.Median(rounds.Select(r => r.AllocatedPerOp)),
                Rounds.Median(rounds.Select(r => r.GcPauseMsPerSecond)),
                Rounds.Median(rounds.Select(r => r.ShardReadsPerOp)));
        }
    }

    /// <summary>Reads the shards answered so far (their hits and misses), counted outside the timed window.</summary>
    private static async Task<long> ShardReadsAsync(ShardedCache shards)
    {
        var stats = await shards.GetStatsAsync();
        return stats.Hits + stats.Misses;
    }

    private static ShardedCache ShardsWithNearCache(IServiceProvider services, bool refreshAhead, bool relaySets = true) => new(
        services.GetRequiredService<IGrainFactory>(),
        Options.Create(new CacheOptions { Shards = services.GetRequiredService<IOptions<CacheOptions>>().Value.Shards, NearCacheTtl = NearTtl, NearCacheEntries = Keys, NearCacheRefreshAhead = refreshAhead, RelaySets = relaySets }),
        TimeProvider.System,
        services.GetRequiredService<CacheRelay>());

    private static int ReadPercentFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("OB_CACHE_READ_PERCENT");
        if (string.IsNullOrEmpty(text))
        {
            return 90;
        }

        return int.TryParse(text, out var percent) && percent is >= 0 and <= 100
            ? percent
            : throw new ArgumentException($"OB_CACHE_READ_PERCENT must be a whole number from 0 to 100, not '{text}'");
    }

    private static double? SameLoadShareFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("OB_CACHE_SAME_LOAD");
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var share) && share is > 0 and <= 1
            ? share
            : throw new ArgumentException($"OB_CACHE_SAME_LOAD must be a share of redis's operations per second above 0 and at most 1 (0.5: half), not '{text}'");
    }

    private static int[] CallersFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("OB_CACHE_CALLERS");
        if (string.IsNullOrEmpty(text))
        {
            return [64, 256];
        }

        var callers = text.Split(',').Select(part => int.TryParse(part, out var n) ? n : 0).ToArray();
        return callers.All(n => n >= 1 && n <= Histograms.Length)
            ? callers
            : throw new ArgumentException($"OB_CACHE_CALLERS must list caller counts from 1 to {Histograms.Length}, comma-separated, not '{text}'");
    }

    /// <summary>
    /// Runs the peer's trace with <paramref name="concurrency"/> callers. Each caller records into its own histogram,
    /// made once for the whole benchmark (<see cref="Histograms"/>), so in the closed loop the harness allocates nothing
    /// per operation and the allocation and GC figures are the peer's. Paced (<paramref name="ratePerSecond"/>), each
    /// caller's sleeps add a timer and a task, the same for every peer.
    /// </summary>
    private static async Task<Result> RunAsync(int concurrency, TimeSpan duration, string[] keys, Peer peer, double? ratePerSecond)
    {
        var histograms = Histograms.Take(concurrency).ToArray();
        var setHistograms = SetHistograms.Take(concurrency).ToArray();
        foreach (var histogram in histograms.Concat(setHistograms))
        {
            histogram.Reset();
        }

        // Paced: each caller's operations fall due every `interval` ticks, the callers' schedules staggered.
        var interval = ratePerSecond is { } rate ? (long)(concurrency * Stopwatch.Frequency / rate) : 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(histograms.Select((histogram, worker) => Task.Run(async () =>
        {
            var random = new Random(worker);
            var due = started + (interval * worker / concurrency);

            // One clock read per operation: in the closed loop an operation starts when the one before it ended.
            var now = Stopwatch.GetTimestamp();
            while (now < stopAt && due < stopAt)
            {
                var start = interval == 0 ? now : await UntilDueAsync(due);

                due += interval;
                var key = keys[random.Next(keys.Length)];
                var read = random.Next(100) < ReadPercent;
                await (read ? peer.Read(key) : peer.Write(key));
                now = Stopwatch.GetTimestamp();
                var took = Math.Min(now - start, MaxLatencyTicks);
                histogram.RecordValue(took);
                if (!read)
                {
                    setHistograms[worker].RecordValue(took);
                }
            }
        })));
        var elapsed = Latencies.ToMs(Stopwatch.GetTimestamp() - started) / 1000.0;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
        var setP99 = Latencies.ToMs(MergedOf(setHistograms).GetValueAtPercentile(99));
        var all = MergedOf(histograms);

        return new Result(
            all.TotalCount,
            all.TotalCount / elapsed,
            Latencies.ToMs(all.GetValueAtPercentile(50)),
            Latencies.ToMs(all.GetValueAtPercentile(99)),
            allocated / (double)all.TotalCount,
            paused / elapsed,
            setP99);
    }

    /// <summary>
    /// Waits for an operation that falls due at <paramref name="due"/> and says when it counts from: its due time when
    /// the caller is late (the previous operation ran over, so the wait is the peer's and counts), otherwise the moment
    /// it starts. Timers wake a millisecond or more late, so the caller sleeps whole milliseconds short of the due time
    /// and starts up to a millisecond early: a timer's lateness is the harness's, not the peer's, and must not pile up.
    /// </summary>
    private static async ValueTask<long> UntilDueAsync(long due)
    {
        var now = Stopwatch.GetTimestamp();
        if (now >= due)
        {
            return due;
        }

        var wholeMilliseconds = (due - now) * 1000 / Stopwatch.Frequency;
        if (wholeMilliseconds == 0)
        {
            return now;
        }

        await Task.Delay(TimeSpan.FromMilliseconds(wholeMilliseconds));
        return Stopwatch.GetTimestamp();
    }

    /// <summary>The callers' histograms added into the one shared <see cref="Merged"/> histogram (valid until the next call).</summary>
    private static LongHistogram MergedOf(IEnumerable<LongHistogram> histograms)
    {
        Merged.Reset();
        foreach (var histogram in histograms)
        {
            Merged.Add(histogram);
        }

        return Merged;
    }

    private sealed record Plan(int[] Callers, int Rounds, TimeSpan Duration, TimeSpan Warmup);

    private sealed record Peer(string Name, Func<string, Task> Read, Func<string, Task> Write);

    private readonly record struct Result(long Ops, double OpsPerSecond, double P50, double P99, double AllocatedPerOp, double GcPauseMsPerSecond, double SetP99)
    {
        /// <summary>Reads that reached a shard per operation of the trace: every read without a near cache, its misses with one.</summary>
        public double ShardReadsPerOp { get; init; }
    }
}
