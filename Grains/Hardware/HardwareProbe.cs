using System.Runtime.InteropServices;

namespace OrleansBots.Hardware;

/// <summary>Reads the whole inventory: CPU, memory, disk, GPU and network. Tests point it at fixture files instead of this machine.</summary>
public sealed class HardwareProbe(HostFiles files, int processorCount, long gcAvailableBytes, Func<string?> nvidiaSmi)
{
    /// <summary>This machine, as the runtime and the kernel report it.</summary>
    public static HardwareProbe Machine() =>
        new(HostFiles.Machine, Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, GpuProbe.RunNvidiaSmi);

    public HardwareInventory Read(string dataPath)
    {
        var cgroup = new Cgroup(files);
        return new HardwareInventory(
            CpuProbe.Read(files, cgroup, processorCount, RuntimeInformation.OSArchitecture),
            MemoryProbe.Read(files, cgroup, gcAvailableBytes),
            DiskProbe.Read(files, dataPath),
            GpuProbe.Read(files, nvidiaSmi),
            NetworkProbe.Read(files));
    }
}
