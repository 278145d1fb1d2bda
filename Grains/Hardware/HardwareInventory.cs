namespace OrleansBots.Hardware;

/// <summary>
/// What the hardware probe found at start; <see cref="Gpu"/> is null when there is none. Stays in the silo:
/// the <see cref="SiloHardware"/> built from it (with the budgets) is what goes to the registry.
/// </summary>
public sealed record HardwareInventory(
    CpuInfo Cpu,
    MemoryInfo Memory,
    DiskInfo Disk,
    IReadOnlyList<GpuInfo>? Gpu,
    IReadOnlyList<NetworkInterfaceInfo> Network);
