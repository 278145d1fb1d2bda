using OrleansBots.Users;

namespace OrleansBots.Quotas;

/// <summary>
/// Whether an action was allowed (and recorded) under its <see cref="CooldownRule"/>. When refused,
/// <see cref="Limit"/> names the rule that refused it and <see cref="RetryAfter"/> says when it would pass;
/// <see cref="UsedLastHour"/> counts the key's allowed actions in the last hour, this one included.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CooldownAnswer")]
public sealed record CooldownAnswer(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] CooldownLimit Limit,
    [property: Id(2)] TimeSpan RetryAfter,
    [property: Id(3)] int UsedLastHour,
    [property: Id(4)] int HourlyQuota);
