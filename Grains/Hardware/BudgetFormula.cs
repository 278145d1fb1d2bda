using OrleansBots.Capacity;

namespace OrleansBots.Hardware;

/// <summary>
/// Derives a silo's budgets from its hardware, its targets and the measured cost of a running bot.
/// docs/HARDWARE.md states the formula and works it through for an example machine; keep them in step.
/// </summary>
public static class BudgetFormula
{
    public const long MinCacheBytes = 8L << 20;
    public const long MaxCacheBytes = 1L << 30;

    public static HardwareBudgets From(HardwareInventory hardware, HardwareOptions options, BotCosts costs)
    {
        var low = options.LowResourceMode;

        // Low resource mode plans for a fifth less of the machine than the targets say.
        var scale = low ? 0.8 : 1.0;
        var cpuTarget = options.CpuTargetUsage / 100 * scale;
        var memoryTarget = options.MemoryTargetUsage / 100 * scale;
        var cores = hardware.Cpu.UsableCores;

        var budget = (long)(hardware.Memory.UsableBytes * memoryTarget);
        var cache = Math.Clamp((long)(budget * (low ? 0.05 : 0.10)), MinCacheBytes, MaxCacheBytes);
        var forBots = Math.Max(0, budget - costs.SiloBaselineBytes - cache);
        var byMemory = Clamp(forBots / (double)costs.BytesPerBot);
        var byCpu = Clamp(cores * cpuTarget * costs.TickSeconds / costs.CpuSecondsPerTick);

        // Ticks mostly await (cache, user grain, exchange), and a tick holds its permit while it waits: by Little's law
        // a core that runs a tick in ~60 us CPU but ~2 ms of wall time needs ~30 in flight. With 8 per core a silo of
        // 100,000 bots topped out at 16,800 of 20,000 ticks/s with idle CPU, and a few ticks stuck on a stopping silo's
        // grains held every permit. 32 per core keeps the CPU busy and still bounds a burst.
        var ticks = Math.Max(low ? 8 : 16, (int)Math.Round(cores * (low ? 16 : 32)));
        var cpuPercent = cpuTarget * 100;
        var memoryPercent = memoryTarget * 100;
        return new HardwareBudgets(
            Applied: options.AutoAdapt,
            LowResourceMode: low,
            ConcurrentTicks: ticks,
            CacheBytes: cache,
            LoadSheddingCpuPercent: Math.Round(Halfway(cpuPercent)),
            LoadSheddingMemoryPercent: Math.Round(Halfway(memoryPercent)),
            GrainCollectionMemoryLimitPercent: Math.Round(Halfway(memoryPercent)),
            GrainCollectionMemoryTargetPercent: Math.Round(memoryPercent + (100 - memoryPercent) / 4),
            MemoryBudgetBytes: budget,
            MemoryPerBotBytes: costs.BytesPerBot,
            MaxBotsByMemory: byMemory,
            MaxBotsByCpu: byCpu,
            MonitorIntervalSeconds: options.SampleInterval.TotalSeconds * (low ? 3 : 1));
    }

    /// <summary>The recommended MAX_CONCURRENT_BOTS for one silo like this: the smaller of the memory and CPU bounds, at least 1.</summary>
    public static int RecommendedMaxBots(HardwareBudgets budgets) => Math.Max(1, Math.Min(budgets.MaxBotsByMemory, budgets.MaxBotsByCpu));

    /// <summary>Halfway between a target and 100 %: where Orleans starts refusing or shedding.</summary>
    private static double Halfway(double targetPercent) => targetPercent + (100 - targetPercent) / 2;

    // Rounded before flooring so that binary fractions (0.7 × 5 / 0.0001 = 34999.999…) do not lose a bot.
    private static int Clamp(double bots) => (int)Math.Clamp(Math.Floor(Math.Round(bots, 6)), 0, LimitRules.MaxBotsCeiling);
}
