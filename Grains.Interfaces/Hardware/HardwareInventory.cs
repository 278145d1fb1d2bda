namespace OrleansBots.Hardware;

/// <summary>What the hardware probe found at start; <see cref="Gpu"/> is null when there is none.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.HardwareInventory")]
public sealed record HardwareInventory(
    [property: Id(0)] CpuInfo Cpu,
    [property: Id(1)] MemoryInfo Memory,
    [property: Id(2)] DiskInfo Disk,
    [property: Id(3)] IReadOnlyList<GpuInfo>? Gpu,
    [property: Id(4)] IReadOnlyList<NetworkInterfaceInfo> Network);
