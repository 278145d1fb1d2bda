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
/// process CPU time per tick with every bot ticking once a second (timers, strategy, saves, lease renewals, GC).
/// </summary>
public sealed class BotFootprintBenchmark : IBenchmark
{
    public string Name => "botfootprint";

    public async Task<Report> RunAsync(bool quick)
    {
        var counts = quick ? new[] { 1000, 3000 } : [2000, 5000, 10000];
        var window = TimeSpan.FromSeconds(quick ? 5 : 15);
        var report = new Report(Name, ["bots", "heap_bytes_per_bot", "working_set_bytes_per_bot", "idle_heap_bytes", "idle_working_set_bytes", "ticks_per_s", "cpu_us_per_tick", "cpu_percent_of_one_core"]);
        report.Notes.Add($"trading bots, one symbol (simulated market), tick every 1 s, in-process silo with memory storage; CPU measured over {window.TotalSeconds:0} s");
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
            await Task.Delay(TimeSpan.FromSeconds(3));
            var ticksBefore = await TotalTicksAsync(grains, ids);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Task.Delay(window);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var elapsed = clock.Elapsed;

            // Counting takes a while with many bots (they keep ticking meanwhile), so it only checks that every bot
            // kept its 1 s pace; the CPU per tick is over the ticks due in the window.
            var counted = await TotalTicksAsync(grains, ids) - ticksBefore;
            var ticks = bots * elapsed.TotalSeconds;
            if (counted < ticks * 0.95)
            {
                report.Notes.Add($"{bots} bots: only {counted:N0} ticks counted, {ticks:N0} were due: ticks fell behind");
            }

            var heap = GC.GetTotalMemory(forceFullCollection: true);
            var workingSet = Environment.WorkingSet;
            report.Add(
                bots,
                (double)(heap - idleHeap) / bots,
                (double)(workingSet - idleWorkingSet) / bots,
                idleHeap,
                idleWorkingSet,
                ticks / elapsed.TotalSeconds,
                cpu.TotalMicroseconds / ticks,
                100 * cpu.TotalSeconds / elapsed.TotalSeconds);
        }

        return report;
    }

    private static async Task<long> TotalTicksAsync(IGrainFactory grains, IReadOnlyList<string> ids)
    {
        long total = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            var infos = await Task.WhenAll(chunk.Select(id => grains.GetGrain<IBotGrain>(id).GetInfo()));
            total += infos.Sum(info => info?.Ticks ?? 0);
        }

        return total;
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
