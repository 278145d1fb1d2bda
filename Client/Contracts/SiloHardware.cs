namespace OrleansBots.Contracts;

/// <summary>One silo's hardware and budgets, as <c>/api/admin/stats</c> shows it under <c>silos[].hardware</c>.</summary>
public sealed record SiloHardware(
    CpuInfo Cpu,
    MemoryInfo Memory,
    DiskInfo Disk,
    IReadOnlyList<GpuInfo>? Gpu,
    IReadOnlyList<NetworkInterfaceInfo> Network,
    HardwareBudgets Budgets,
    int RecommendedMaxBots,
    DateTimeOffset ProbedAt);

/// <summary>The processor as the silo sees it; <see cref="CgroupLimitCores"/> is the container's CPU quota (null: none).</summary>
public sealed record CpuInfo(int CoresLogical, int CoresPhysical, string Model, double? FrequencyMhz, string Architecture, double? CgroupLimitCores)
{
    /// <summary>The cores the silo may keep busy: the logical cores, or the quota when it is smaller.</summary>
    public double UsableCores { get; init; }
}

/// <summary>Memory in bytes: the machine's total and available, the container's limit (null: none) and what the .NET GC lets the silo use.</summary>
public sealed record MemoryInfo(long TotalBytes, long AvailableBytes, long? CgroupLimitBytes, long GcAvailableBytes)
{
    /// <summary>The smallest of the machine, the container's limit and the GC's view.</summary>
    public long UsableBytes { get; init; }
}

/// <summary>The drive that holds the silo's data folder; <see cref="Kind"/> is <c>nvme</c>, <c>ssd</c>, <c>hdd</c> or <c>unknown</c>.</summary>
public sealed record DiskInfo(string Path, long TotalBytes, long FreeBytes, string Kind, string? Device);

/// <summary>One GPU; <see cref="Source"/> says where it was seen (<c>proc</c> or <c>nvidia-smi</c>).</summary>
public sealed record GpuInfo(string Name, long? MemoryBytes, string Source);

/// <summary>One network interface; <see cref="Kind"/> is <c>ethernet</c>, <c>loopback</c>, <c>wireless</c> or <c>other</c>; speed null when the kernel does not say.</summary>
public sealed record NetworkInterfaceInfo(string Name, string Kind, int? SpeedMbps, bool Up);

/// <summary>The budgets a silo derives from its hardware; <see cref="Applied"/> false means they are only reported.</summary>
public sealed record HardwareBudgets(
    bool Applied,
    bool LowResourceMode,
    int ConcurrentTicks,
    long CacheBytes,
    double LoadSheddingCpuPercent,
    double LoadSheddingMemoryPercent,
    double GrainCollectionMemoryLimitPercent,
    double GrainCollectionMemoryTargetPercent,
    long MemoryBudgetBytes,
    long MemoryPerBotBytes,
    int MaxBotsByMemory,
    int MaxBotsByCpu,
    double MonitorIntervalSeconds);

/// <summary>How busy one silo was at <see cref="At"/> (percent of its usable CPU and memory).</summary>
public sealed record SiloLoadSample(double CpuPercent, double MemoryPercent, bool OverCpuTarget, DateTimeOffset At);
