namespace OrleansBots.Capacity;

/// <summary>Checks <see cref="CapacityOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class CapacityOptionsValidator : IValidateOptions<CapacityOptions>
{
    public ValidateOptionsResult Validate(string? name, CapacityOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>The first thing wrong with <paramref name="options"/>, or null.</summary>
    public static string? Problem(CapacityOptions options)
    {
        if (options.LeaseDuration <= TimeSpan.Zero || options.RenewInterval <= TimeSpan.Zero)
        {
            return "Capacity:LeaseDuration and Capacity:RenewInterval must be positive";
        }

        if (options.RenewBatch < 1)
        {
            return $"Capacity:RenewBatch must be at least 1 bot per renewal call (got {options.RenewBatch})";
        }

        if (options.BotCallsInFlight < 1)
        {
            return $"Capacity:BotCallsInFlight must be at least 1 call (got {options.BotCallsInFlight})";
        }

        return options.RenewInterval * 2 > options.LeaseDuration
            ? "Capacity:LeaseDuration must be at least twice Capacity:RenewInterval, so one missed renewal does not free a slot"
            : LimitRules.Validate(options.ConfiguredLimits);
    }
}
