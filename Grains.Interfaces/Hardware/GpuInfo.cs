namespace OrleansBots.Hardware;

/// <summary>One GPU; <see cref="Source"/> says where it was seen (<c>proc</c> or <c>nvidia-smi</c>).</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.GpuInfo")]
public sealed record GpuInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] long? MemoryBytes,
    [property: Id(2)] string Source);
