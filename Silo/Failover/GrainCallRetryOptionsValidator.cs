namespace OrleansBots.Silo.Failover;

/// <summary>Checks <see cref="GrainCallRetryOptions"/> at start; the message names the setting that is wrong.</summary>
public sealed class GrainCallRetryOptionsValidator : IValidateOptions<GrainCallRetryOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainCallRetryOptions options)
    {
        if (options.Within < TimeSpan.Zero || options.Within > TimeSpan.FromMinutes(5))
        {
            return ValidateOptionsResult.Fail("GrainCallRetry:Within must be between 00:00:00 (no retries) and 00:05:00");
        }

        return options.FirstDelay <= TimeSpan.Zero || options.MaxDelay < options.FirstDelay
            ? ValidateOptionsResult.Fail("GrainCallRetry:FirstDelay must be positive and GrainCallRetry:MaxDelay at least FirstDelay")
            : ValidateOptionsResult.Success;
    }
}
