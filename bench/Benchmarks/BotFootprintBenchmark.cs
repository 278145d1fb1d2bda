using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Diagnostics;
using Orleans.TestingHost;
using OrleansBots.Bots;
using OrleansBots.Capacity;
using OrleansBots.Roster;
using OrleansBots.Storage;
using OrleansBots.Users;

namespace OrleansBots.Benchmarks;

/// <summary>
/// What one running trading bot costs its silo, the inputs of the hardware budgets (docs/HARDWARE.md):
/// managed heap and working set per running bot activation (after a full GC, against the idle silo), and
/// process CPU time per tick done with every bot due to tick once a second (timers, strategy, saves, lease renewals, GC).
/// </summary>
public sealed class BotFootprintBenchmark : IBenchmark
{
    private const int Windows = 3;

    public string Name => "botfootprint";

    public async Task<Report> RunAsync(bool quick)
    {
        var counts = quick ? new[] { 1000, 3000 } : [2000, 5000, 10000];
        var window = TimeSpan.FromSeconds(quick ? 5 : 10);
        var report = new Report(Name, ["bots", "heap_bytes_per_bot", "working_set_bytes_per_bot", "idle_heap_bytes", "idle_working_set_bytes", "ticks_due_per_s", "ticks_done_per_s", "cpu_us_per_tick_done", "cpu_us_min", "cpu_us_max", "cpu_percent_of_one_core"]);
        report.Notes.Add($"trading bots, one symbol (simulated market), tick every 1 s, in-process silo with memory storage; CPU measured over {Windows} windows of {window.TotalSeconds:0} s, median (min, max)");
        report.Notes.Add("ticks_done_per_s: bot_tick operations recorded in the window (a MeterListener in the process), against ticks_due_per_s = bots; cpu_us_per_tick_done: process CPU time / ticks done");
        report.Notes.Add($"load average at the start: {Rounds.Load()}");
        using var ticks = new TickCounter();
        report.Notes.Add("heap: GC.GetTotalMemory(forceFullCollection) after - before, / bots; working set: Environment.WorkingSet after - before, / bots");
        foreach (var bots in counts)
        {
            Console.WriteLine($"  {bots} bots ...");
            await using var cluster = await StartAsync(bots);
            var grains = cluster.Client;
            var idleHeap = GC.GetTotalMemory(forceFullCollection: true);
            var idleWorkingSet = Environment.WorkingSet;
            await grains.GetGrain<IUserGrain>("bench").Register([1], new UserLimits(bots, 10_000_000));
            var definition = new BotDefinition("b", BotKind.Trading, ["BTCUSDT"], 1, BotDefinition.DefaultShortWindow, BotDefinition.DefaultLongWindow, BotDefinition.DefaultTradeQuantity);
            var ids = Enumerable.Range(0, bots).Select(i => $"bench-bot-{i}").ToList();
            foreach (var chunk in ids.Chunk(200))
            {
                await Task.WhenAll(chunk.Select(async id =>
                {
                    var bot = grains.GetGrain<IBotGrain>(id);
                    await bot.Create("bench", definition);
                    var started = await bot.Start();
                    if (started.Outcome != StartOutcome.Started)
                    {
                        throw new InvalidOperationException($"{id} did not start: {started.Outcome}");
                    }
                }));
            }

            // Every bot has ticked a few times: its strategy window and recent output exist.
            await Task.Delay(TimeSpan.FromSeconds(4));
            var windows = new List<(double DonePerSecond, double CpuUsPerTick, double CpuPercent)>();
            for (var w = 0; w < Windows; w++)
            {
                var ticksBefore = ticks.Ticks;
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await Task.Delay(window);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                var elapsed = clock.Elapsed;
                var done = ticks.Ticks - ticksBefore;
                windows.Add((done / elapsed.TotalSeconds, cpu.TotalMicroseconds / Math.Max(1, done), 100 * cpu.TotalSeconds / elapsed.TotalSeconds));
            }

            var heap = GC.GetTotalMemory(forceFullCollection: true);
            var workingSet = Environment.WorkingSet;
            var cpuPerTick = windows.Select(w => w.CpuUsPerTick).ToList();
            report.Add(
                bots,
                (double)(heap - idleHeap) / bots,
                (double)(workingSet - idleWorkingSet) / bots,
                idleHeap,
                idleWorkingSet,
                (double)bots,
                Rounds.Median(windows.Select(w => w.DonePerSecond)),
                Rounds.Median(cpuPerTick),
                cpuPerTick.Min(),
                cpuPerTick.Max(),
                Rounds.Median(windows.Select(w => w.CpuPercent)));
        }

        return report;
    }

    private static async Task<InProcessTestCluster> StartAsync(int bots)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StateNames.Store);
            silo.Services.AddPlatform();
            silo.Services.Configure<CapacityOptions>(o => o.ConfiguredLimits = PlatformLimits.Defaults with { MaxConcurrentBots = bots, MaxBotsPerUser = bots });
            silo.Services.Configure<BotOptions>(o => o.MinTickSeconds = 1);
            silo.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
