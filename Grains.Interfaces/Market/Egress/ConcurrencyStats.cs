namespace OrleansBots.Market.Egress;

/// <summary>Outgoing calls to one endpoint from one silo: the adaptive limit, calls in flight, success rate and latency in ms.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.ConcurrencyStats")]
public sealed record ConcurrencyStats(
    [property: Id(0)] int Limit,
    [property: Id(1)] int InFlight,
    [property: Id(2)] double SuccessRate,
    [property: Id(3)] double AverageMs,
    [property: Id(4)] double MinMs,
    [property: Id(5)] double MaxMs,
    [property: Id(6)] double P95Ms);
