using OrleansBots.Users;

namespace OrleansBots.Quotas;

/// <summary>Which part of a <see cref="CooldownRule"/> refused an action.</summary>
public enum CooldownLimit
{
    /// <summary>Nothing: the action was allowed.</summary>
    None,

    /// <summary>Too soon after the key's previous action.</summary>
    Cooldown,

    /// <summary>The key used its whole hourly quota within the last hour.</summary>
    HourlyQuota,
}
