namespace OrleansBots.Capacity;

/// <summary>The platform-wide limits an operator can change while the platform runs.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.PlatformLimits")]
public sealed record PlatformLimits(
    [property: Id(0)] int MaxConcurrentBots,
    [property: Id(1)] int MaxBotsPerUser,
    [property: Id(2)] int MaxTradesPerDay,
    [property: Id(3)] int AlertThreshold,
    [property: Id(4)] int MaxSignalsPerMinute)
{
    public static PlatformLimits Defaults { get; } = new(200, 1, 500, 80, 100);
}
