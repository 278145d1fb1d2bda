using System.Globalization;
using System.Runtime;
using System.Text;
using Orleans.Configuration;
using OrleansBots.Cache;
using OrleansBots.Hardware;

namespace OrleansBots.Silo.Hosting;

/// <summary>
/// The hardware probe at start: its budgets configure Orleans' load shedding and grain collection and, unless the
/// operator set <c>Cache__MaxMemory</c>, the cache's byte budget. With <c>Hardware__AutoAdapt=false</c> they are
/// only logged and reported.
/// </summary>
public static class HardwareStartup
{
    /// <summary>True when the operator chose the cache size; the hardware budget then stays a recommendation.</summary>
    public static bool CacheSizeConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{CacheOptions.Section}:MaxMemory"]);

    /// <summary>Orleans' load shedding and grain collection, and the cache's size unless configured, from the budgets when they apply.</summary>
    public static void Apply(ISiloBuilder silo, bool cacheSizeConfigured)
    {
        var services = silo.Services;
        services.AddOptions<LoadSheddingOptions>().Configure<SiloHardware>((options, hardware) =>
        {
            if (hardware.Budgets is { Applied: true } budgets)
            {
                options.LoadSheddingEnabled = true;
                options.CpuThreshold = (int)budgets.LoadSheddingCpuPercent;
                options.MemoryThreshold = (int)budgets.LoadSheddingMemoryPercent;
            }
        });
        services.AddOptions<GrainCollectionOptions>().Configure<SiloHardware>((options, hardware) =>
        {
            if (hardware.Budgets is { Applied: true } budgets)
            {
                options.EnableActivationSheddingOnMemoryPressure = true;
                options.MemoryUsageLimitPercentage = budgets.GrainCollectionMemoryLimitPercent;
                options.MemoryUsageTargetPercentage = budgets.GrainCollectionMemoryTargetPercent;
            }
        });
        if (!cacheSizeConfigured)
        {
            services.AddOptions<CacheOptions>().PostConfigure<SiloHardware>((options, hardware) =>
            {
                if (hardware.Budgets.Applied)
                {
                    options.MaxMemory = hardware.Budgets.CacheBytes.ToString(CultureInfo.InvariantCulture);
                }
            });
        }
    }

    /// <summary>One readable block for the start log: what was found and what the silo does with it.</summary>
    public static string Describe(SiloHardware hardware, bool cacheSizeConfigured)
    {
        var cpu = hardware.Cpu;
        var memory = hardware.Memory;
        var disk = hardware.Disk;
        var budgets = hardware.Budgets;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Hardware probe and budgets ({(budgets.Applied ? "applied: Hardware__AutoAdapt=true" : "reported only: Hardware__AutoAdapt=false")}{(budgets.LowResourceMode ? ", low resource mode" : string.Empty)}):");
        text.AppendLine(CultureInfo.InvariantCulture, $"  cpu      {cpu.CoresLogical} logical / {cpu.CoresPhysical} physical cores, {cpu.Model}, {(cpu.FrequencyMhz is { } mhz ? $"{mhz:0} MHz" : "MHz unknown")}, {cpu.Architecture}, cgroup quota {(cpu.CgroupLimitCores is { } quota ? $"{quota:0.##} cores" : "none")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  memory   {Size(memory.TotalBytes)} total, {Size(memory.AvailableBytes)} available, cgroup limit {(memory.CgroupLimitBytes is { } limit ? Size(limit) : "none")}, GC may use {Size(memory.GcAvailableBytes)}; usable {Size(memory.UsableBytes)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  disk     {disk.Path}: {Size(disk.FreeBytes)} free of {Size(disk.TotalBytes)}, {disk.Kind}{(disk.Device is null ? string.Empty : $" ({disk.Device})")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  gpu      {(hardware.Gpu is { Count: > 0 } gpus ? string.Join("; ", gpus.Select(g => $"{g.Name}{(g.MemoryBytes is { } b ? $" {Size(b)}" : string.Empty)}")) : "none")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  network  {string.Join(", ", hardware.Network.Select(n => $"{n.Name} ({n.Kind}{(n.SpeedMbps is { } s ? $", {s} Mb/s" : string.Empty)}, {(n.Up ? "up" : "down")})"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  budgets  {budgets.ConcurrentTicks} concurrent bot ticks; cache {Size(budgets.CacheBytes)}{(cacheSizeConfigured ? " (not applied: Cache__MaxMemory is set)" : string.Empty)}; memory budget {Size(budgets.MemoryBudgetBytes)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"           Orleans load shedding at CPU {budgets.LoadSheddingCpuPercent:0} % / memory {budgets.LoadSheddingMemoryPercent:0} %; activation shedding at memory {budgets.GrainCollectionMemoryLimitPercent:0} % down to {budgets.GrainCollectionMemoryTargetPercent:0} %; resource sampling every {budgets.MonitorIntervalSeconds:0.#} s");
        text.Append(CultureInfo.InvariantCulture, $"  recommended MAX_CONCURRENT_BOTS for this silo: {hardware.RecommendedMaxBots} (memory allows {budgets.MaxBotsByMemory} at {Size(budgets.MemoryPerBotBytes)} per bot, CPU allows {budgets.MaxBotsByCpu})");
        return text.ToString();
    }

    /// <summary>The garbage collector the silo runs with, and how to switch it, for the start log.</summary>
    public static string DescribeGarbageCollector(bool server, GCLatencyMode latencyMode) =>
        $"Garbage collector: {(server ? "server" : "workstation")}, {(latencyMode == GCLatencyMode.Batch ? "not concurrent" : "concurrent")}"
        + $" (DOTNET_gcServer={(server ? 0 : 1)} switches to the {(server ? "workstation" : "server")} GC; docs/HARDWARE.md)";

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
    };
}
