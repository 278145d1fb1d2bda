using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using OrleansBots.Feeds;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Storage;

namespace OrleansBots.Benchmarks;

/// <summary>
/// Market-stream fan-out on one in-process silo: ticks are published on the <c>feeds/market</c> Orleans stream at a
/// fixed rate (as <c>MarketFeedGrain</c> publishes them), the silo's <see cref="PriceListenerGrain"/> consumes them into
/// <see cref="LivePrices"/>, and 5,000 simulated bots read their symbol's price once a second each (as a bot's tick
/// reads it through <c>StreamedMarket</c>). Reports ticks delivered per second, the publish-to-LivePrices lag (p50,
/// p99, max) and how old the price a bot read was.
/// </summary>
public sealed class FeedFanOutBenchmark : IBenchmark
{
    private const int Symbols = 100;

    public string Name => "feedfanout";

    public async Task<Report> RunAsync(bool quick)
    {
        var seconds = quick ? 10 : 60;
        var report = new Report(Name,
        [
            "items_per_s_target", "bots", "seconds", "published", "published_per_s", "lag_p50_ms", "lag_p99_ms", "lag_max_ms",
            "bot_reads", "bot_read_age_p50_ms", "bot_read_age_p99_ms",
        ]);
        report.Notes.Add($"{Symbols} symbols; ticks published on the feeds/market stream in batches every 10 ms; one PriceListenerGrain consumes them");
        report.Notes.Add("lag: publish time to the tick being in the silo's LivePrices; bot_read_age: now minus the time of the tick a bot read");
        foreach (var (rate, bots) in new[] { (1_000, 5_000) })
        {
            Console.WriteLine($"  {rate:N0} items/s to {bots:N0} bots for {seconds} s ...");
            report.Add(await RunCaseAsync(rate, bots, seconds));
        }

        return report;
    }

    private static async Task<object?[]> RunCaseAsync(int rate, int bots, int seconds)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StateNames.Store);
            silo.AddMemoryGrainStorage(MetricStreams.PubSubStore);
            silo.AddFeedStreams();
            silo.Services.AddPlatform();
            silo.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var services = cluster.Silos[0].ServiceProvider;
            var prices = services.GetRequiredService<LivePrices>();
            var grains = services.GetRequiredService<IGrainFactory>();
            var client = services.GetRequiredService<IClusterClient>();
            var silo = services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();
            await grains.GetGrain<IPriceListenerGrain>(silo).Keep();
            var stream = client.GetStreamProvider(IFeedGrain.StreamProvider).GetStream<MarketTick>(StreamId.Create(IMarketFeedGrain.Key, "all"));

            var lags = new List<double>();
            var ages = new List<double>();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var readers = Task.Run(() => ReadLikeBots(prices, bots, ages, stop.Token));
            var watcher = Task.Run(() => WatchLag(prices, lags, stop.Token));
            var published = 0L;
            var started = Stopwatch.GetTimestamp();
            while (!stop.IsCancellationRequested)
            {
                var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate);
                var sends = new List<Task>();
                for (; published < due; published++)
                {
                    // The price carries its publish time (Unix ms), so a reader knows how old what it read is.
                    var now = DateTimeOffset.UtcNow;
                    sends.Add(stream.OnNextAsync(new MarketTick("SYM" + (published % Symbols), "trade", now.ToUnixTimeMilliseconds(), published, now)));
                }

                await Task.WhenAll(sends);
                await Task.Delay(10);
            }

            await Task.WhenAll(readers, watcher);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            lags.Sort();
            ages.Sort();
            return
            [
                rate, bots, seconds, published, Math.Round(published / elapsed), Percentile(lags, 0.5), Percentile(lags, 0.99), lags.Count == 0 ? 0 : Math.Round(lags[^1], 1),
                ages.Count, Percentile(ages, 0.5), Percentile(ages, 0.99),
            ];
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Each bot reads its symbol's price once a second, spread over the second.</summary>
    private static async Task ReadLikeBots(LivePrices prices, int bots, List<double> ages, CancellationToken stop)
    {
        var freshness = TimeSpan.FromHours(1);
        while (!stop.IsCancellationRequested)
        {
            var second = Stopwatch.GetTimestamp();
            for (var bot = 0; bot < bots && !stop.IsCancellationRequested; bot++)
            {
                var now = DateTimeOffset.UtcNow;
                if (prices.Fresh("SYM" + (bot % Symbols), now, freshness) is { } publishedAtMs)
                {
                    lock (ages)
                    {
                        ages.Add(now.ToUnixTimeMilliseconds() - (double)publishedAtMs);
                    }
                }

                if (bot % 100 == 99)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(1000.0 * 100 / bots));
                }
            }

            var rest = TimeSpan.FromSeconds(1) - Stopwatch.GetElapsedTime(second);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, CancellationToken.None);
            }
        }
    }

    /// <summary>Samples, every millisecond or so, each symbol's price in LivePrices; a new one's age is the fan-out lag (at most ~1 ms early).</summary>
    private static async Task WatchLag(LivePrices prices, List<double> lags, CancellationToken stop)
    {
        var freshness = TimeSpan.FromHours(1);
        var seen = new decimal[Symbols];
        while (!stop.IsCancellationRequested)
        {
            for (var symbol = 0; symbol < Symbols; symbol++)
            {
                var now = DateTimeOffset.UtcNow;
                if (prices.Fresh("SYM" + symbol, now, freshness) is { } publishedAtMs && publishedAtMs != seen[symbol])
                {
                    lags.Add(now.ToUnixTimeMilliseconds() - (double)publishedAtMs);
                    seen[symbol] = publishedAtMs;
                }
            }

            await Task.Delay(1, CancellationToken.None);
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))], 1);
}
