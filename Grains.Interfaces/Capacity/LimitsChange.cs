namespace OrleansBots.Capacity;

/// <summary>A partial change of <see cref="PlatformLimits"/>: null members keep their current value.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.LimitsChange")]
public sealed record LimitsChange(
    [property: Id(0)] int? MaxConcurrentBots = null,
    [property: Id(1)] int? MaxBotsPerUser = null,
    [property: Id(2)] int? MaxTradesPerDay = null,
    [property: Id(3)] int? AlertThreshold = null,
    [property: Id(4)] int? MaxSignalsPerMinute = null)
{
    public PlatformLimits ApplyTo(PlatformLimits current) => new(
        MaxConcurrentBots ?? current.MaxConcurrentBots,
        MaxBotsPerUser ?? current.MaxBotsPerUser,
        MaxTradesPerDay ?? current.MaxTradesPerDay,
        AlertThreshold ?? current.AlertThreshold,
        MaxSignalsPerMinute ?? current.MaxSignalsPerMinute);
}
