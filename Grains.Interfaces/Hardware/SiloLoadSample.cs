namespace OrleansBots.Hardware;

/// <summary>How busy one silo was at <see cref="At"/> (percent of its usable CPU and memory).</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.SiloLoadSample")]
public sealed record SiloLoadSample(
    [property: Id(0)] double CpuPercent,
    [property: Id(1)] double MemoryPercent,
    [property: Id(2)] bool OverCpuTarget,
    [property: Id(3)] DateTimeOffset At);
