namespace OrleansBots.Hardware;

/// <summary>The processor as this silo sees it; <see cref="CgroupLimitCores"/> is the container's CPU quota (null: none).</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CpuInfo")]
public sealed record CpuInfo(
    [property: Id(0)] int CoresLogical,
    [property: Id(1)] int CoresPhysical,
    [property: Id(2)] string Model,
    [property: Id(3)] double? FrequencyMhz,
    [property: Id(4)] string Architecture,
    [property: Id(5)] double? CgroupLimitCores)
{
    /// <summary>The cores this process may keep busy: the logical cores, or the quota when it is smaller.</summary>
    public double UsableCores => CgroupLimitCores is { } quota ? Math.Min(quota, CoresLogical) : CoresLogical;
}
