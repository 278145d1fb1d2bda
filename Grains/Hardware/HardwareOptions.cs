namespace OrleansBots.Hardware;

/// <summary>How the silo fits itself to its hardware. Bound from the <c>Hardware</c> section (e.g. <c>Hardware__CpuTargetUsage=70</c>).</summary>
public sealed class HardwareOptions
{
    public const string Section = "Hardware";

    /// <summary>Apply the budgets derived from the probe (tick concurrency, cache size, Orleans load shedding and grain collection); false only reports them.</summary>
    public bool AutoAdapt { get; set; } = true;

    /// <summary>Smaller budgets and longer monitoring intervals, for small machines shared with other work.</summary>
    public bool LowResourceMode { get; set; }

    /// <summary>Percent of the usable CPU the silo plans to use; above it monitoring is thinned and informational logging of hot categories dropped.</summary>
    public double CpuTargetUsage { get; set; } = 70;

    /// <summary>Percent of the usable memory (the cgroup limit when set) the silo plans to use.</summary>
    public double MemoryTargetUsage { get; set; } = 60;

    /// <summary>Bot grains are not placed on a silo whose CPU use is over this percent while another silo is under it.</summary>
    public double PlacementCpuLimit { get; set; } = 80;

    /// <summary>Bot grains are not placed on a silo whose memory use is over this percent while another silo is under it.</summary>
    public double PlacementMemoryLimit { get; set; } = 90;

    /// <summary>How often the resource monitor samples CPU, memory, disk and network (tripled in low resource mode, quadrupled while over the CPU target).</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);
}
