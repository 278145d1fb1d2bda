using OrleansBots.Cache;

namespace OrleansBots.Benchmarks;

/// <summary>
/// Hit rate of each <see cref="CacheShard"/> eviction policy against <see cref="PlainLru"/> on one Zipf
/// (s = 0.9) trace with periodic scans, cache-aside (a miss stores the key). Entries all have the same
/// charged size, so a shard's byte budget is an exact number of entries.
/// </summary>
public sealed class HitRateBenchmark : IBenchmark
{
    private const double Exponent = 0.9;
    private const int ValueBytes = 24;

    public string Name => "hitrate";

    public Task<Report> RunAsync(bool quick)
    {
        var keySpace = quick ? 100_000 : 1_000_000;
        var requests = quick ? 2_000_000 : 20_000_000;
        var scanEvery = keySpace;
        var scanLength = keySpace / 10;
        var trace = ZipfTrace.Create(keySpace, requests, Exponent, scanEvery, scanLength, seed: 42);
        var keys = Enumerable.Range(0, keySpace).Select(i => "k" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var value = new byte[ValueBytes];
        var entryBytes = CacheShard.SizeOf(keys[0], ValueBytes);

        var report = new Report(Name, ["policy", "cache_size_pct", "hit_rate", "lru_hit_rate", "vs_lru_points"]);
        report.Notes.Add($"{keySpace:N0} keys, {requests:N0} requests, Zipf s = {Exponent}, a {scanLength:N0}-key scan after every {scanEvery:N0} Zipf requests");
        report.Notes.Add("vs_lru_points = (hit_rate - lru_hit_rate) x 100");

        foreach (var percent in new[] { 1, 5 })
        {
            var capacity = keySpace * percent / 100;
            var lru = new PlainLru(capacity);
            long lruHits = 0;
            foreach (var key in trace)
            {
                lruHits += lru.Access(key) ? 1 : 0;
            }

            var lruRate = lruHits / (double)trace.Length;
            foreach (var policy in new[] { "lru", "lfu", "fifo" })
            {
                Console.WriteLine($"  {policy}, {percent} % ...");
                var options = new CacheOptions
                {
                    Shards = 1,
                    MaxMemory = (capacity * entryBytes).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    EvictionPolicy = policy,
                    DefaultTtl = TimeSpan.FromDays(1),
                };
                var shard = new CacheShard(options, TimeProvider.System);
                long hits = 0;
                foreach (var index in trace)
                {
                    var key = keys[index];
                    if (shard.Get(key) is not null)
                    {
                        hits++;
                    }
                    else
                    {
                        shard.Set(key, value);
                    }
                }

                var rate = hits / (double)trace.Length;
                report.Add(policy, percent, rate, lruRate, (rate - lruRate) * 100);
            }
        }

        return Task.FromResult(report);
    }
}
