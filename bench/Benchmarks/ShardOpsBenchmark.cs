using System.Diagnostics;
using OrleansBots.Cache;

namespace OrleansBots.Benchmarks;

/// <summary>
/// The CPU of one cache shard's own work, without grains or messages: sets and reads of random existing keys (10,000 keys
/// over 64 <see cref="CacheShard"/>s, 1 KB values, the default TTL, as in the cache benchmark), single-threaded, for each
/// eviction policy, beside a plain <see cref="Dictionary{TKey, TValue}"/> per shard doing the same lookups and stores (the
/// floor: no expiry, policy, versions or budget). Medians of the rounds, with the lowest and highest.
/// </summary>
public sealed class ShardOpsBenchmark : IBenchmark
{
    private const int Shards = 64;
    private const int Keys = 10_000;

    public string Name => "shardops";

    public Task<Report> RunAsync(bool quick)
    {
        var rounds = quick ? 3 : 7;
        var operations = quick ? 1_000_000 : 4_000_000;
        var report = new Report(Name, ["peer", "op", "ns_per_op", "ns_min", "ns_max", "vs_dictionary", "alloc_bytes_per_op"]);
        report.Notes.Add($"{Keys:N0} keys over {Shards} shards, 1 KB values, random existing keys; {rounds} rounds of {operations:N0} operations per peer and operation, one thread, after one warm-up round");

        var keys = CacheBenchmark.KeySpace(Keys);
        var shardOf = keys.Select(key => ShardedCache.ShardOf(key, Shards)).ToArray();
        var random = new Random(1);
        var trace = Enumerable.Range(0, operations).Select(_ => random.Next(Keys)).ToArray();
        var value = new byte[1024];

        var plain = Enumerable.Range(0, Shards).Select(_ => new Dictionary<string, byte[]>(StringComparer.Ordinal)).ToArray();
        var setFloor = Measure(report, "dictionary", "set", rounds, trace, i => plain[shardOf[i]][keys[i]] = value, null);
        var getFloor = Measure(report, "dictionary", "get", rounds, trace, i => plain[shardOf[i]].TryGetValue(keys[i], out _), null);

        foreach (var policy in new[] { "lru", "lfu", "fifo" })
        {
            var options = new CacheOptions { EvictionPolicy = policy };
            var shards = Enumerable.Range(0, Shards).Select(_ => new CacheShard(options, TimeProvider.System)).ToArray();
            Measure(report, $"CacheShard ({policy})", "set", rounds, trace, i => shards[shardOf[i]].Set(keys[i], value), setFloor);
            Measure(report, $"CacheShard ({policy})", "get", rounds, trace, i => shards[shardOf[i]].Read(keys[i]), getFloor);
        }

        return Task.FromResult(report);
    }

    /// <summary>Runs the trace once to warm up (and fill), then <paramref name="rounds"/> times; adds the row and answers the median.</summary>
    private static double Measure(Report report, string peer, string op, int rounds, int[] trace, Action<int> step, double? dictionary)
    {
        foreach (var i in trace)
        {
            step(i);
        }

        var nanoseconds = new List<double>();
        var allocated = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            foreach (var i in trace)
            {
                step(i);
            }

            nanoseconds.Add(Stopwatch.GetElapsedTime(started).TotalNanoseconds / trace.Length);
            allocated.Add((GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)trace.Length);
        }

        var median = Rounds.Median(nanoseconds);
        report.Add(peer, op, median, nanoseconds.Min(), nanoseconds.Max(), dictionary is { } floor ? median / floor : 1.0, Rounds.Median(allocated));
        return median;
    }
}
