namespace OrleansBots.Market.Egress;

/// <summary>
/// The one budget of requests toward one external endpoint, shared by every silo; the key is a scope such as
/// <c>endpoint:api.binance.com</c> (see <see cref="ScopeOf"/>). Callers ask for weight before a request and
/// report the exchange's answer after it, so the budget follows the exchange's own count and its refusals.
/// </summary>
[Alias("OrleansBots.IRateLimiterGrain")]
public interface IRateLimiterGrain : IGrainWithStringKey
{
    /// <summary>Takes <paramref name="weight"/> from the current window's budget, or refuses with when to retry.</summary>
    [Alias("TryAcquire")]
    Task<EgressGrant> TryAcquire(int weight);

    /// <summary>
    /// Takes up to <paramref name="wanted"/> weight at once (at least <paramref name="least"/>) for a silo to spend
    /// locally until the grant's <see cref="EgressGrant.ValidUntil"/>; the whole lease counts as used. First gives
    /// back <paramref name="unused"/> weight of the silo's previous lease, valid until <paramref name="unusedValidUntil"/>
    /// (counted only when that lease belongs to the current window).
    /// </summary>
    [Alias("TryLease")]
    Task<EgressGrant> TryLease(int least, int wanted, int unused, DateTimeOffset unusedValidUntil);

    /// <summary>Feeds the exchange's answer to one request back: weight header, 429, 418, failures and successes.</summary>
    [Alias("Report")]
    Task Report(EgressOutcome outcome);

    [Alias("GetStats"), ReadOnly]
    Task<EgressStats> GetStats();

    /// <summary>The grain key of the endpoint at <paramref name="baseUrl"/>: <c>endpoint:</c> and its host (and port when not the default).</summary>
    static string ScopeOf(Uri baseUrl) => "endpoint:" + (baseUrl.IsDefaultPort ? baseUrl.Host : $"{baseUrl.Host}:{baseUrl.Port}");
}
