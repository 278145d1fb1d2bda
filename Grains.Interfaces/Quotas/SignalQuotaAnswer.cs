using OrleansBots.Users;

namespace OrleansBots.Quotas;

/// <summary>Whether one more signal fits in the user's last minute, and when the next one would.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.SignalQuotaAnswer")]
public sealed record SignalQuotaAnswer(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] int UsedLastMinute,
    [property: Id(2)] int Limit,
    [property: Id(3)] TimeSpan RetryAfter);
