namespace OrleansBots.Hardware;

/// <summary>How busy this silo is now, against its targets; lets work with lower priority (monitoring, logging) step back.</summary>
public interface ISiloLoad
{
    double CpuPercent { get; }

    double MemoryPercent { get; }

    /// <summary>True while CPU use is over <c>Hardware__CpuTargetUsage</c>: monitoring work is thinned first.</summary>
    bool OverCpuTarget { get; }
}
