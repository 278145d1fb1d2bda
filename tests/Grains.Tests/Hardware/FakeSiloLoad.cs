using OrleansBots.Hardware;

namespace OrleansBots.Tests.Hardware;

/// <summary>A silo load that a test sets by hand.</summary>
public sealed class FakeSiloLoad(double cpuPercent, double memoryPercent) : ISiloLoad
{
    public double CpuPercent { get; set; } = cpuPercent;

    public double MemoryPercent { get; set; } = memoryPercent;

    public bool OverCpuTarget => CpuPercent > 70;
}
