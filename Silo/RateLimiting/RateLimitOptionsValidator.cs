namespace OrleansBots.Silo.RateLimiting;

public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    private static readonly TimeSpan MinWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var problems = new List<string>();
        void Permits(string setting, int value)
        {
            if (value is < 1 or > 10_000_000)
            {
                problems.Add($"RateLimits:{setting} must be between 1 and 10000000 (got {value})");
            }
        }

        void Window(string setting, TimeSpan value)
        {
            if (value < MinWindow || value > MaxWindow)
            {
                problems.Add($"RateLimits:{setting} must be between 00:00:01 and 1.00:00:00 (got {value})");
            }
        }

        Permits(nameof(options.PerApiKeyPermits), options.PerApiKeyPermits);
        Window(nameof(options.PerApiKeyWindow), options.PerApiKeyWindow);
        Permits(nameof(options.PerAddressPermits), options.PerAddressPermits);
        Window(nameof(options.PerAddressWindow), options.PerAddressWindow);
        Permits(nameof(options.FailedAuthPermits), options.FailedAuthPermits);
        Window(nameof(options.FailedAuthWindow), options.FailedAuthWindow);
        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
