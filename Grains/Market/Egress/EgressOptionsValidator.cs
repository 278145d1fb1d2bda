namespace OrleansBots.Market.Egress;

/// <summary>Checks <see cref="EgressOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class EgressOptionsValidator : IValidateOptions<EgressOptions>
{
    public ValidateOptionsResult Validate(string? name, EgressOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>The first thing wrong with <paramref name="options"/>, or null.</summary>
    public static string? Problem(EgressOptions options)
    {
        if (options.Budget <= 0 || options.Window <= TimeSpan.Zero || options.IncreaseStep < 0 || options.FailuresToOpen <= 0)
        {
            return "Egress: Budget, Window and FailuresToOpen must be positive and IncreaseStep not negative";
        }

        if (options.DecreaseFactor is <= 0 or >= 1 || options.MinLimitFraction is <= 0 or > 1 || options.Jitter is < 0 or >= 1 || options.LeaseFraction is < 0 or > 1)
        {
            return "Egress: DecreaseFactor must be between 0 and 1, MinLimitFraction in (0, 1], Jitter in [0, 1), LeaseFraction in [0, 1]";
        }

        if (options.BackoffBase <= TimeSpan.Zero || options.BackoffMax < options.BackoffBase || options.BanWithoutRetryAfter <= TimeSpan.Zero || options.LeaseDuration <= TimeSpan.Zero)
        {
            return "Egress: BackoffBase, BanWithoutRetryAfter and LeaseDuration must be positive and BackoffMax at least BackoffBase";
        }

        return null;
    }
}
