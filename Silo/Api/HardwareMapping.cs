using OrleansBots.Contracts;
using Probe = OrleansBots.Hardware;

namespace OrleansBots.Silo.Api;

/// <summary>Maps the hardware registry's records to the HTTP contract's (same names, no Orleans attributes).</summary>
public static class HardwareMapping
{
    public static SiloHardware ToContract(this Probe.SiloHardware h) => new(
        h.Cpu.ToContract(),
        h.Memory.ToContract(),
        new DiskInfo(h.Disk.Path, h.Disk.TotalBytes, h.Disk.FreeBytes, h.Disk.Kind, h.Disk.Device),
        h.Gpu?.Select(g => new GpuInfo(g.Name, g.MemoryBytes, g.Source)).ToList(),
        h.Network.Select(n => new NetworkInterfaceInfo(n.Name, n.Kind, n.SpeedMbps, n.Up)).ToList(),
        h.Budgets.ToContract(),
        h.RecommendedMaxBots,
        h.ProbedAt);

    public static SiloLoadSample ToContract(this Probe.SiloLoadSample l) => new(l.CpuPercent, l.MemoryPercent, l.OverCpuTarget, l.At);

    private static CpuInfo ToContract(this Probe.CpuInfo c) =>
        new(c.CoresLogical, c.CoresPhysical, c.Model, c.FrequencyMhz, c.Architecture, c.CgroupLimitCores) { UsableCores = c.UsableCores };

    private static MemoryInfo ToContract(this Probe.MemoryInfo m) =>
        new(m.TotalBytes, m.AvailableBytes, m.CgroupLimitBytes, m.GcAvailableBytes) { UsableBytes = m.UsableBytes };

    private static HardwareBudgets ToContract(this Probe.HardwareBudgets b) => new(
        b.Applied,
        b.LowResourceMode,
        b.ConcurrentTicks,
        b.CacheBytes,
        b.LoadSheddingCpuPercent,
        b.LoadSheddingMemoryPercent,
        b.GrainCollectionMemoryLimitPercent,
        b.GrainCollectionMemoryTargetPercent,
        b.MemoryBudgetBytes,
        b.MemoryPerBotBytes,
        b.MaxBotsByMemory,
        b.MaxBotsByCpu,
        b.MonitorIntervalSeconds);
}
