namespace OrleansBots.Market.Egress;

/// <summary>
/// What the exchange answered to one request: the HTTP <see cref="StatusCode"/> (0 when no answer came: timeout
/// or connection failure), the <c>X-MBX-USED-WEIGHT-1M</c> header when present, and <c>Retry-After</c> when present.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.EgressOutcome")]
public sealed record EgressOutcome(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] int? UsedWeight = null,
    [property: Id(2)] TimeSpan? RetryAfter = null)
{
    /// <summary>No answer at all (timeout, refused connection).</summary>
    public static EgressOutcome NoAnswer { get; } = new(0);
}
