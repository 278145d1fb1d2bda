using OrleansBots.Users;

namespace OrleansBots.Quotas;

/// <summary>Whether a trade fits in today's quota, and the count after the answer.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.TradeQuotaAnswer")]
public sealed record TradeQuotaAnswer(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] int UsedToday,
    [property: Id(2)] int Limit,
    [property: Id(3)] DateTimeOffset ResetsAt);
