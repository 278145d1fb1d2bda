namespace OrleansBots.Hardware;

/// <summary>One reading of the resource monitor. Percentages are of the usable CPU and memory (the cgroup's when limited); byte totals are cumulative.</summary>
public sealed record ResourceSample(
    DateTimeOffset At,
    double ProcessCpuPercent,
    double MachineCpuPercent,
    long WorkingSetBytes,
    long MemoryAvailableBytes,
    double MemoryPercent,
    long DiskFreeBytes,
    double DiskUsagePercent,
    long DiskReadBytes,
    long DiskWriteBytes,
    long NetworkReceivedBytes,
    long NetworkSentBytes)
{
    public static ResourceSample Empty { get; } = new(DateTimeOffset.MinValue, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
