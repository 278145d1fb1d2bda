namespace OrleansBots.Market.Egress;

/// <summary>
/// The state of one egress budget: <see cref="Used"/> weight of the current window against the adaptive
/// <see cref="Limit"/> (AIMD, never above the configured <see cref="Budget"/>); cumulative counters of grants,
/// <see cref="Rejections"/>, 429s, 418s and failures; <see cref="ConsecutiveFailures"/> and, when blocked,
/// <see cref="BlockedUntil"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.EgressStats")]
public sealed record EgressStats(
    [property: Id(0)] EgressState State,
    [property: Id(1)] int Used,
    [property: Id(2)] int Limit,
    [property: Id(3)] int Budget,
    [property: Id(4)] long Grants,
    [property: Id(5)] long Rejections,
    [property: Id(6)] long Throttles,
    [property: Id(7)] long Bans,
    [property: Id(8)] long Failures,
    [property: Id(9)] int ConsecutiveFailures,
    [property: Id(10)] DateTimeOffset? BlockedUntil);
