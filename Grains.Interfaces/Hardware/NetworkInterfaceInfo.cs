namespace OrleansBots.Hardware;

/// <summary>One network interface; <see cref="Kind"/> is <c>ethernet</c>, <c>loopback</c>, <c>wireless</c> or <c>other</c>; speed null when the kernel does not say.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.NetworkInterfaceInfo")]
public sealed record NetworkInterfaceInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Kind,
    [property: Id(2)] int? SpeedMbps,
    [property: Id(3)] bool Up);
