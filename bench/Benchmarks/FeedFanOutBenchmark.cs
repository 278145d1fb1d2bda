using System.Diagnostics;
using System.Diagnostics.Metrics;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using OrleansBots.Bots;
using OrleansBots.Capacity;
using OrleansBots.Feeds;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Storage;
using OrleansBots.Tests.Feeds;

namespace OrleansBots.Benchmarks;

/// <summary>
/// The new-token feed's fan-out through the real path on one in-process silo: a fake PumpPortal server on loopback
/// publishes tokens at a fixed rate over WebSocket to the one <see cref="FeedGrain"/>, which publishes each on the
/// <c>feeds/new-tokens</c> Orleans stream, consumed once per silo by its <see cref="NewTokenListenerGrain"/>, which applies
/// the filter once and hands passing tokens to the silo's registered running <c>new_tokens</c> bots (real
/// <see cref="BotGrain"/>s). The lag is the platform's own <c>feed_delivery_lag</c> (feed received → the silo's consumer
/// has it), read from its instrument; reports stream deliveries per second against what the fan-out needs (tokens ×
/// silos), lag p50/p99/max, whether the backlog drained, and the load average around the run. Quick mode runs one case,
/// with <c>MAX_TOKENS_PER_MINUTE</c> out of the way (60,000) unless OB_FANOUT_CAP gives another (e.g. the default 1000).
/// </summary>
public sealed class FeedFanOutBenchmark : IBenchmark
{
    private const int StartBatch = 100;

    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(30);

    public string Name => "feedfanout";

    public async Task<Report> RunAsync(bool quick)
    {
        var seconds = quick ? 10 : 60;
        var report = new Report(Name,
        [
            "items_per_s", "bots", "tokens_per_minute_cap", "subscribe_s", "seconds", "published", "feed_delivered", "feed_dropped_over_cap",
            "silo_deliveries", "silo_deliveries_needed", "deliveries_per_s", "lag_p50_ms", "lag_p99_ms", "lag_max_ms", "drain_s",
            "load_before", "load_after",
        ]);
        report.Notes.Add("tokens published by a fake PumpPortal WebSocket server; they fail the new-token filter, so a delivery costs the stream hop and the filter once per silo, no signal");
        report.Notes.Add("silo_deliveries_needed = feed_delivered x silos (1); lag = feed_delivery_lag (the feed grain receiving an item to the silo's NewTokenListenerGrain having it)");
        report.Notes.Add("subscribe_s: seconds to create and start every bot (each registers with its silo, no stream subscription) until all were registered and a probe token reached the silo's consumer");
        report.Notes.Add("load_before/load_after: the 1-minute load average (/proc/loadavg, as uptime shows it) when publishing started and when the case ended");
        report.Notes.Add($"drain_s: seconds after publishing stopped until every delivery arrived (-1: not within {DrainLimit.TotalSeconds:0} s)");
        var cap = int.TryParse(Environment.GetEnvironmentVariable("OB_FANOUT_CAP"), out var given) ? given : 60_000;
        (int Rate, int Bots, int Cap)[] cases = quick
            ? [(1_000, 5_000, cap)]
            : [(1_000, 5_000, 60_000), (1_000, 5_000, 1_000)];
        foreach (var (rate, bots, perMinute) in cases)
        {
            Console.WriteLine($"  {rate:N0} items/s to {bots:N0} bots, cap {perMinute:N0}/min, for {seconds} s ...");
            var row = await RunCaseAsync(rate, bots, perMinute, seconds);
            Console.WriteLine("    " + string.Join(", ", report.Columns.Zip(row, (column, value) => $"{column}={value}")));
            report.Add(row);
        }

        return report;
    }

    private static async Task<object?[]> RunCaseAsync(int rate, int bots, int cap, int seconds)
    {
        await using var feed = await FakeTokenFeed.StartAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StateNames.Store);
            silo.AddMemoryGrainStorage(MetricStreams.PubSubStore);
            silo.AddFeedStreams();
            silo.Services.AddPlatform();
            silo.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            silo.Services.Configure<CapacityOptions>(o => o.ConfiguredLimits = o.ConfiguredLimits with { MaxConcurrentBots = bots * 2 });
            silo.Services.Configure<FeedOptions>(o =>
            {
                o.NewTokensUrl = feed.Url;
                o.KeepInterval = TimeSpan.FromMilliseconds(200);
                o.MaxTokensPerMinute = cap;
                o.DuplicateMemory = 100_000;
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        using var lags = new DeliveryLags();
        try
        {
            var grains = cluster.Client;
            var feedGrain = grains.GetGrain<IFeedGrain>(IFeedGrain.NewTokens);
            await Poll.Until(async () => (await feedGrain.GetStats()).Connected && feed.Subscriptions > 0, TimeSpan.FromSeconds(30), "the feed connected");
            Console.WriteLine($"    starting {bots:N0} new_tokens bots ...");
            var subscribing = Stopwatch.GetTimestamp();
            await StartBotsAsync(grains, bots);

            // Every bot registered with the silo, and the silo's consumer subscribed: a probe token reaches it before the measured run.
            var registered = ((InProcessSiloHandle)cluster.Silos[0]).ServiceProvider.GetRequiredService<NewTokenBots>();
            await Poll.Until(() => Task.FromResult(registered.Count >= bots), TimeSpan.FromSeconds(60), "every bot registered");
            await feed.PublishAsync(FakeTokenFeed.TokenJson("probe", initialBuy: 1, marketCapSol: 1));
            await Poll.Until(() => Task.FromResult(lags.Count >= 1), TimeSpan.FromSeconds(60), "the probe token at the silo's consumer");
            var subscribeSeconds = Math.Round(Stopwatch.GetElapsedTime(subscribing).TotalSeconds);
            lags.Reset();
            var before = await feedGrain.GetStats();

            var loadBefore = LoadAverage();
            var published = 0L;
            var started = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(started).TotalSeconds < seconds)
            {
                var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate);
                for (; published < due; published++)
                {
                    await feed.PublishAsync(FakeTokenFeed.TokenJson($"fan-{published}", initialBuy: 1, marketCapSol: 1));
                }

                await Task.Delay(10);
            }

            var publishing = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Poll.Until(async () => (await feedGrain.GetStats()).Received - before.Received >= published, TimeSpan.FromSeconds(30), "every token received by the feed");
            var stats = await feedGrain.GetStats();
            var delivered = stats.Delivered - before.Delivered;
            var needed = delivered * cluster.Silos.Count;
            var drainStarted = Stopwatch.GetTimestamp();
            var drained = await Poll.WithinAsync(() => Task.FromResult(lags.Count >= needed), DrainLimit);
            var drainSeconds = drained ? Math.Round(Stopwatch.GetElapsedTime(drainStarted).TotalSeconds, 1) : -1;
            var all = Stopwatch.GetElapsedTime(started).TotalSeconds;
            return
            [
                rate, bots, cap, subscribeSeconds, seconds, published, delivered, stats.DroppedOverCap - before.DroppedOverCap,
                lags.Count, needed, Math.Round(lags.Count / all), lags.PercentileMs(50), lags.PercentileMs(99), lags.PercentileMs(100), drainSeconds,
                loadBefore, LoadAverage(),
            ];
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Creates and starts <paramref name="count"/> new_tokens bots (one user each), <see cref="StartBatch"/> at a time; each registers with the silo as it starts.</summary>
    private static async Task StartBotsAsync(IGrainFactory grains, int count)
    {
        var started = Stopwatch.GetTimestamp();
        for (var first = 0; first < count; first += StartBatch)
        {
            if (first % 1000 == 0 && first > 0)
            {
                Console.WriteLine($"    {first:N0} bots started after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
            }

            await Task.WhenAll(Enumerable.Range(first, Math.Min(StartBatch, count - first)).Select(async i =>
            {
                var bot = grains.GetGrain<IBotGrain>($"fan-bot-{i}");
                await bot.Create($"fan-user-{i}", new BotDefinition($"fan-bot-{i}", BotKind.Trading, ["BTCUSDT"], 60, 5, 20, 0.01m) { Strategy = BotDefinition.NewTokens });
                var start = await bot.Start();
                if (start.Outcome != StartOutcome.Started)
                {
                    throw new InvalidOperationException($"bot {i} did not start: {start.Outcome}");
                }
            }));
        }
    }

    /// <summary>The machine's 1-minute load average, as <c>uptime</c> shows it (Linux).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>Every <c>feed_delivery_lag</c> the silo's traders record, in microseconds.</summary>
    private sealed class DeliveryLags : IDisposable
    {
        private readonly MeterListener _listener = new();
        private LongConcurrentHistogram _histogram = NewHistogram();

        public DeliveryLags()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == Measurements.MeterName && instrument.Name == FeedInstruments.DeliveryLag)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => Volatile.Read(ref _histogram).RecordValue(Math.Clamp((long)(seconds * 1_000_000), 1, 3_600_000_000)));
            _listener.Start();
        }

        public long Count => Volatile.Read(ref _histogram).TotalCount;

        public void Reset() => Volatile.Write(ref _histogram, NewHistogram());

        public double PercentileMs(double percent) => Count == 0 ? double.NaN : Math.Round(Volatile.Read(ref _histogram).GetValueAtPercentile(percent) / 1000.0, 1);

        public void Dispose() => _listener.Dispose();

        private static LongConcurrentHistogram NewHistogram() => new(1, 3_600_000_000, 3);
    }
}
