namespace OrleansBots.Hardware;

/// <summary>Checks <see cref="RebalanceOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class RebalanceOptionsValidator : IValidateOptions<RebalanceOptions>
{
    public ValidateOptionsResult Validate(string? name, RebalanceOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>The first thing wrong with <paramref name="options"/>, or null.</summary>
    public static string? Problem(RebalanceOptions options) =>
        options.Interval < TimeSpan.FromSeconds(1) ? $"Rebalancing:Interval must be at least 00:00:01 (got {options.Interval})"
        : options.SettleTime < TimeSpan.Zero ? $"Rebalancing:SettleTime must not be negative (got {options.SettleTime})"
        : double.IsNaN(options.Tolerance) || options.Tolerance is < 0 or > 1 ? $"Rebalancing:Tolerance must be between 0 and 1 (got {options.Tolerance})"
        : options.MinimumExcess < 1 ? $"Rebalancing:MinimumExcess must be at least 1 (got {options.MinimumExcess})"
        : options.MaxMovesPerRound < 1 ? $"Rebalancing:MaxMovesPerRound must be at least 1 (got {options.MaxMovesPerRound})"
        : null;
}
