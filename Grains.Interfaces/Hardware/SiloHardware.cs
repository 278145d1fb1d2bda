namespace OrleansBots.Hardware;

/// <summary>One silo's hardware and budgets, as <c>/api/admin/stats</c> shows it under <c>silos[].hardware</c>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.SiloHardware")]
public sealed record SiloHardware(
    [property: Id(0)] CpuInfo Cpu,
    [property: Id(1)] MemoryInfo Memory,
    [property: Id(2)] DiskInfo Disk,
    [property: Id(3)] IReadOnlyList<GpuInfo>? Gpu,
    [property: Id(4)] IReadOnlyList<NetworkInterfaceInfo> Network,
    [property: Id(5)] HardwareBudgets Budgets,
    [property: Id(6)] int RecommendedMaxBots,
    [property: Id(7)] DateTimeOffset ProbedAt);
