namespace OrleansBots.Market.Egress;

/// <summary>
/// The answer to a request for weight. Granted: <see cref="Weight"/> may be spent until <see cref="ValidUntil"/>
/// (the end of the budget's window, or sooner for a lease). Refused: <see cref="Weight"/> is 0 and
/// <see cref="RetryAfter"/> says when asking again may succeed; <see cref="State"/> says why.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.EgressGrant")]
public sealed record EgressGrant(
    [property: Id(0)] bool Granted,
    [property: Id(1)] int Weight,
    [property: Id(2)] TimeSpan RetryAfter,
    [property: Id(3)] DateTimeOffset ValidUntil,
    [property: Id(4)] EgressState State);
