namespace OrleansBots.Hardware;

/// <summary>
/// The budgets a silo derives from its hardware (docs/HARDWARE.md has the formula). <see cref="Applied"/> is
/// <c>Hardware__AutoAdapt</c>: false means they are only reported.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.HardwareBudgets")]
public sealed record HardwareBudgets(
    [property: Id(0)] bool Applied,
    [property: Id(1)] bool LowResourceMode,
    [property: Id(2)] int ConcurrentTicks,
    [property: Id(3)] long CacheBytes,
    [property: Id(4)] double LoadSheddingCpuPercent,
    [property: Id(5)] double LoadSheddingMemoryPercent,
    [property: Id(6)] double GrainCollectionMemoryLimitPercent,
    [property: Id(7)] double GrainCollectionMemoryTargetPercent,
    [property: Id(8)] long MemoryBudgetBytes,
    [property: Id(9)] long MemoryPerBotBytes,
    [property: Id(10)] int MaxBotsByMemory,
    [property: Id(11)] int MaxBotsByCpu,
    [property: Id(12)] double MonitorIntervalSeconds);
