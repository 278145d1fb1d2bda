namespace OrleansBots;

/// <summary>Checks a <see cref="RetryWindowOptions"/> at start; the message names the setting under <paramref name="section"/> that is wrong.</summary>
public abstract class RetryWindowOptionsValidator<TOptions>(string section, TimeSpan longest, string whyLongest) : IValidateOptions<TOptions>
    where TOptions : RetryWindowOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (options.Within < TimeSpan.Zero || options.Within > longest)
        {
            return ValidateOptionsResult.Fail($"{section}:Within must be between 00:00:00 (no retries) and {longest:c}{whyLongest}");
        }

        return options.FirstDelay <= TimeSpan.Zero || options.MaxDelay < options.FirstDelay
            ? ValidateOptionsResult.Fail($"{section}:FirstDelay must be positive and {section}:MaxDelay at least FirstDelay")
            : ValidateOptionsResult.Success;
    }
}
