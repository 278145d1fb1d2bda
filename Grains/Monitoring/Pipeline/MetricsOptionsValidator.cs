namespace OrleansBots.Monitoring.Pipeline;

/// <summary>Checks <see cref="MetricsOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>The first thing wrong with <paramref name="options"/>, or null.</summary>
    public static string? Problem(MetricsOptions options)
    {
        if (options.IntervalSeconds is < 1 or > 3600)
        {
            return $"Metrics:IntervalSeconds must be a whole number of seconds between 1 and 3600 (got {options.IntervalSeconds})";
        }

        if (options.RetentionDays is < 1 or > 36_500)
        {
            return $"Metrics:RetentionDays must be between 1 and 36500 (got {options.RetentionDays})";
        }

        if (options.OverloadIntervalFactor < 1 || options.RetentionBatchSize < 1 || options.WriteBatchSize < 1 || options.MaxBufferedRows < options.WriteBatchSize || options.MemoryHistoryMaxRows < 1)
        {
            return "Metrics:OverloadIntervalFactor, RetentionBatchSize, WriteBatchSize and MemoryHistoryMaxRows must be positive, and MaxBufferedRows at least WriteBatchSize";
        }

        if (options.FlushInterval <= TimeSpan.Zero || options.RetentionSweepInterval <= TimeSpan.Zero || options.MemoryHistory <= TimeSpan.Zero)
        {
            return "Metrics:FlushInterval, RetentionSweepInterval and MemoryHistory must be positive";
        }

        return options.MaxSpoolBytes < 0 || string.IsNullOrWhiteSpace(options.SpoolDirectory)
            ? "Metrics:MaxSpoolBytes must not be negative and Metrics:SpoolDirectory must not be empty"
            : null;
    }
}
