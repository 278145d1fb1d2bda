using OrleansBots.Users;

namespace OrleansBots.Quotas;

/// <summary>
/// Cooldowns and hourly quotas kept in the cache shards. Bound from the <c>Cooldowns</c> configuration section
/// (e.g. <c>Cooldowns__HourlyQuota=20</c>).
/// </summary>
public sealed class CooldownOptions
{
    public const string Section = "Cooldowns";

    /// <summary>Default shortest time between two actions of one key (the chat-bot case).</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Default number of actions one key may take in any sliding hour; 0 means no quota.</summary>
    public int HourlyQuota { get; set; } = 20;

    /// <summary>A key whose last action is older than this (and whose two hour-long windows are over) is forgotten. At least an hour and at least every cooldown, so forgetting never lifts a limit.</summary>
    public TimeSpan MaxIdleTime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many idle keys one action may remove on the side (the bound on its extra work).</summary>
    public int IdleRemovedPerAction { get; set; } = 4;

    /// <summary>How many idle keys one sweep of a shard's timer removes at most (the bound on its pause).</summary>
    public int IdleRemovedPerSweep { get; set; } = 1000;

    /// <summary>Shortest time between two bot creations, starts or stops of one user; zero (the default) means none.</summary>
    public TimeSpan BotActionCooldown { get; set; } = TimeSpan.Zero;

    /// <summary>Bot creations, starts and stops one user may make in any sliding hour; 0 means no quota.</summary>
    public int BotActionsPerHour { get; set; } = 1000;

    /// <summary>The rule of keys checked without one of their own.</summary>
    public CooldownRule DefaultRule => new(Cooldown, HourlyQuota);

    /// <summary>The rule of a user's bot creations, starts and stops.</summary>
    public CooldownRule BotActionRule => new(BotActionCooldown, BotActionsPerHour);
}
