namespace OrleansBots.Hardware;

/// <summary>The drive that holds the silo's data folder; <see cref="Kind"/> is <c>nvme</c>, <c>ssd</c>, <c>hdd</c> or <c>unknown</c>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.DiskInfo")]
public sealed record DiskInfo(
    [property: Id(0)] string Path,
    [property: Id(1)] long TotalBytes,
    [property: Id(2)] long FreeBytes,
    [property: Id(3)] string Kind,
    [property: Id(4)] string? Device);
