namespace OrleansBots.Hardware;

/// <summary>
/// Memory in bytes: the machine's total and available (/proc/meminfo), the container's limit (null: none) and
/// what the .NET GC says the process may use.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.MemoryInfo")]
public sealed record MemoryInfo(
    [property: Id(0)] long TotalBytes,
    [property: Id(1)] long AvailableBytes,
    [property: Id(2)] long? CgroupLimitBytes,
    [property: Id(3)] long GcAvailableBytes)
{
    /// <summary>The memory this silo may use: the smallest of the machine, the cgroup limit and the GC's view (which follows GCHeapHardLimit).</summary>
    public long UsableBytes => new[] { TotalBytes, CgroupLimitBytes ?? long.MaxValue, GcAvailableBytes > 0 ? GcAvailableBytes : long.MaxValue }.Min();
}
