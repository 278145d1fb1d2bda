using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OrleansBots.Bots;
using OrleansBots.Market;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;

namespace OrleansBots.Benchmarks;

/// <summary>
/// CPU cost of measuring the bot tick. Three kinds of run: the tick's domain work alone (a simulated price, then
/// the moving-average crossover), exactly the measurements <c>BotGrain.TickAsync</c> takes per tick alone (a
/// timestamp, <c>bot_tick_lag</c>, <c>operation_execution_time</c> + <c>operation_count</c> for <c>bot_tick</c>),
/// and both together; the measurements with nobody listening, with this silo's aggregator listening, and with the
/// aggregator and OpenTelemetry (what /metrics uses) listening, as in a running silo. On one thread, then on every
/// core at once on the same instruments (ticks of many bots share the one <c>bot_tick</c> series).
/// Cost is the process's CPU time per tick, not wall time, so other processes on the machine disturb it less;
/// the variants take turns round by round and the median round counts, shown with the lowest and highest. The grain calls and saves of a real tick
/// are left out on purpose: they only make the measurements' share smaller.
/// </summary>
public sealed class TickMetricsBenchmark : IBenchmark
{
    private enum Listeners
    {
        None,
        Aggregator,
        AggregatorAndOpenTelemetry,
    }

    private sealed record Variant(string Name, bool DomainWork, bool Measured, Listeners Listeners);

    private static readonly Variant[] Variants =
    [
        new("domain work only", true, false, Listeners.None),
        new("measurements only, no listener", false, true, Listeners.None),
        new("measurements only, aggregator", false, true, Listeners.Aggregator),
        new("measurements only, aggregator + OpenTelemetry", false, true, Listeners.AggregatorAndOpenTelemetry),
        new("domain work + measurements, aggregator + OpenTelemetry", true, true, Listeners.AggregatorAndOpenTelemetry),
    ];

    public string Name => "tickmetrics";

    public Task<Report> RunAsync(bool quick)
    {
        var domainTicks = quick ? 200_000 : 1_000_000;
        var measureTicks = domainTicks * 10;
        var rounds = quick ? 5 : 9;
        var report = new Report(Name, ["variant", "threads", "cpu_ns_per_tick", "cpu_ns_min", "cpu_ns_max", "share_of_domain_work", "bytes_per_tick"]);
        report.Notes.Add($"per thread and round: {domainTicks:N0} ticks with domain work, {measureTicks:N0} without; {rounds} rounds, the variants take turns within each round; median of the rounds (min, max beside it)");
        report.Notes.Add("cpu_ns_per_tick: process CPU time (all threads and GC) / ticks, the timed window closing after the aggregator's Collect and OpenTelemetry's ForceFlush of the ticks' measurements; share_of_domain_work: median of the per-round ratios to the domain work alone");
        report.Notes.Add($"load average at the start: {Rounds.Load()}");
        report.Notes.Add("domain work: SimulatedMarket.PriceAt + MovingAverageCrossover.Observe (5/20) on one symbol");

        foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            var results = Variants.Select(_ => new List<(double Ns, double Bytes)>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                Console.WriteLine($"  {threads} thread(s), round {round + 1}/{rounds} ...");
                for (var v = 0; v < Variants.Length; v++)
                {
                    results[v].Add(Run(Variants[v], threads, Variants[v].DomainWork ? domainTicks : measureTicks));
                }
            }

            for (var v = 0; v < Variants.Length; v++)
            {
                var ns = results[v].Select(r => r.Ns).ToList();
                var share = Rounds.Median(results[v].Zip(results[0], (r, domain) => r.Ns / domain.Ns));
                report.Add(Variants[v].Name, threads, Rounds.Median(ns), ns.Min(), ns.Max(), share, Rounds.Median(results[v].Select(r => r.Bytes)));
            }
        }

        return Task.FromResult(report);
    }

    private static (double Ns, double Bytes) Run(Variant variant, int threads, int ticks)
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton(TimeProvider.System).AddSingleton<Measurements>().AddSingleton<MetricAggregator>().BuildServiceProvider();
        var measurements = variant.Measured ? services.GetRequiredService<Measurements>() : null;
        var aggregator = variant.Listeners == Listeners.None ? null : services.GetRequiredService<MetricAggregator>();
        var exported = new List<Metric>();
        using var openTelemetry = variant.Listeners == Listeners.AggregatorAndOpenTelemetry
            ? Sdk.CreateMeterProviderBuilder().AddMeter(MetricNames.MeterPrefix + "*").AddInMemoryExporter(exported).Build()
            : null;
        var market = new SimulatedMarket(Options.Create(new MarketOptions()));

        // Warm-up: tiered compilation and the first series of each instrument.
        Parallel.For(0, threads, worker => Ticks(market, measurements, variant.DomainWork, ticks / 20, worker));
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, worker => Ticks(market, measurements, variant.DomainWork, ticks, worker));

        // What a silo does with the ticks' measurements belongs to their cost: the aggregator's collect (every
        // interval) and the exporter's flush (every scrape) run inside the timed window.
        aggregator?.Collect(DateTimeOffset.UtcNow);
        openTelemetry?.ForceFlush();
        process.Refresh();
        var spent = process.TotalProcessorTime - cpu;
        var total = (double)ticks * threads;
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / total;
        return (spent.TotalNanoseconds / total, bytes);
    }

    private static void Ticks(SimulatedMarket market, Measurements? measurements, bool domainWork, int ticks, int worker)
    {
        var strategy = new MovingAverageCrossover(5, 20, [], holding: false);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(worker);
        var due = Stopwatch.GetTimestamp();
        for (var i = 0; i < ticks; i++)
        {
            if (measurements is null)
            {
                Decide(market, strategy, at);
            }
            else
            {
                // As BotGrain.TickAsync: lag against the due time, the work, then the tick's outcome.
                var started = measurements.StartTimestamp();
                var lag = Stopwatch.GetElapsedTime(due, started);
                measurements.TrackDuration(MetricNames.BotTickLag, lag > TimeSpan.Zero ? lag : TimeSpan.Zero);
                if (domainWork)
                {
                    Decide(market, strategy, at);
                }

                measurements.RecordOperation(MetricNames.Operations.BotTick, started, succeeded: true);
                due = Stopwatch.GetTimestamp();
            }

            at = at.AddSeconds(1);
        }
    }

    private static void Decide(SimulatedMarket market, MovingAverageCrossover strategy, DateTimeOffset at)
    {
        var decision = strategy.Observe(market.PriceAt("BTCUSDT", at));
        if (decision != CrossoverDecision.Hold)
        {
            strategy.Filled(decision);
        }
    }
}
