namespace OrleansBots.Hardware;

/// <summary>
/// How busy one silo was at <see cref="At"/> (percent of its usable CPU and memory), how many bots ran on it and how
/// many its hardware is good for (its <c>recommended_max_bots</c>): what placement and rebalancing compare.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.SiloLoadSample")]
public sealed record SiloLoadSample(
    [property: Id(0)] double CpuPercent,
    [property: Id(1)] double MemoryPercent,
    [property: Id(2)] bool OverCpuTarget,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int RunningBots = 0,
    [property: Id(5)] int RecommendedMaxBots = 0);
