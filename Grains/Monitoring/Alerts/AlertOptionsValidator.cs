namespace OrleansBots.Monitoring.Alerts;

/// <summary>Checks <see cref="AlertOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>The first thing wrong with <paramref name="options"/>, or null.</summary>
    public static string? Problem(AlertOptions options)
    {
        var percents = new (string Name, double Value)[]
        {
            (nameof(options.CpuPercent), options.CpuPercent), (nameof(options.MemoryPercent), options.MemoryPercent), (nameof(options.DiskPercent), options.DiskPercent),
            (nameof(options.ErrorRatePercent), options.ErrorRatePercent), (nameof(options.CacheHitRatePercent), options.CacheHitRatePercent),
            (nameof(options.TradeSuccessRatePercent), options.TradeSuccessRatePercent),
        };
        foreach (var (name, value) in percents)
        {
            if (!double.IsFinite(value) || value is <= 0 or > 100)
            {
                return $"Alerts:{name} must be a percent above 0 and at most 100 (got {value})";
            }
        }

        if (!double.IsFinite(options.ResponseTimeSeconds) || options.ResponseTimeSeconds <= 0)
        {
            return $"Alerts:ResponseTimeSeconds must be positive (got {options.ResponseTimeSeconds})";
        }

        if (options.CapacityCriticalPercent is < 1 or > 1000 || options.CapacityFullPercent < options.CapacityCriticalPercent || options.CapacityFullPercent > 1000)
        {
            return $"Alerts:CapacityCriticalPercent and Alerts:CapacityFullPercent must be percents with CapacityCriticalPercent <= CapacityFullPercent (got {options.CapacityCriticalPercent} and {options.CapacityFullPercent})";
        }

        // A bare number binds as days ("300" is 300 days): say how to write seconds.
        if (options.CooldownPeriod < TimeSpan.Zero || options.CooldownPeriod > TimeSpan.FromDays(1))
        {
            return $"Alerts:CooldownPeriod must be between 00:00:00 and 1.00:00:00 (got {options.CooldownPeriod}; 300 seconds is written 00:05:00)";
        }

        if (options.SampleWindow <= TimeSpan.Zero || options.SampleWindow > TimeSpan.FromDays(1))
        {
            return $"Alerts:SampleWindow must be positive and at most a day (got {options.SampleWindow})";
        }

        if (options.MinOperations < 1 || options.MinCacheLookups < 1 || options.MinTrades < 1)
        {
            return "Alerts:MinOperations, Alerts:MinCacheLookups and Alerts:MinTrades must be at least 1";
        }

        if (options.WebhookQueue < 1 || options.WebhookRetries < 0 || options.WebhookTimeout <= TimeSpan.Zero)
        {
            return "Alerts:WebhookQueue must be at least 1, Alerts:WebhookRetries not negative and Alerts:WebhookTimeout positive";
        }

        return string.IsNullOrWhiteSpace(options.WebhookUrl)
            || (Uri.TryCreate(options.WebhookUrl.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? null
            : "Alerts:WebhookUrl must be an absolute http:// or https:// URL";
    }
}
