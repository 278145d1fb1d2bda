namespace OrleansBots.Quotas;

/// <summary>Checks <see cref="CooldownOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class CooldownOptionsValidator : IValidateOptions<CooldownOptions>
{
    public ValidateOptionsResult Validate(string? name, CooldownOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>The first thing wrong with <paramref name="options"/>, or null.</summary>
    public static string? Problem(CooldownOptions options)
    {
        if (options.Cooldown < TimeSpan.Zero || options.BotActionCooldown < TimeSpan.Zero || options.HourlyQuota < 0 || options.BotActionsPerHour < 0)
        {
            return "Cooldowns:Cooldown, Cooldowns:BotActionCooldown, Cooldowns:HourlyQuota and Cooldowns:BotActionsPerHour must not be negative";
        }

        if (options.MaxIdleTime < CooldownRule.Window || options.MaxIdleTime < options.Cooldown || options.MaxIdleTime < options.BotActionCooldown)
        {
            return $"Cooldowns:MaxIdleTime must be at least one hour and at least every cooldown (got {options.MaxIdleTime})";
        }

        return options.IdleRemovedPerAction < 0 || options.IdleRemovedPerSweep < 1
            ? "Cooldowns:IdleRemovedPerAction must not be negative and Cooldowns:IdleRemovedPerSweep must be positive"
            : null;
    }
}
