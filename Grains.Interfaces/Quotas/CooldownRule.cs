using OrleansBots.Users;

namespace OrleansBots.Quotas;

/// <summary>
/// How often one key may act: at least <see cref="Cooldown"/> between two actions, and at most
/// <see cref="HourlyQuota"/> actions in any sliding hour. A zero cooldown or a zero quota switches that part off.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.CooldownRule")]
public sealed record CooldownRule(
    [property: Id(0)] TimeSpan Cooldown,
    [property: Id(1)] int HourlyQuota)
{
    /// <summary>The window the hourly quota slides over.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);
}
