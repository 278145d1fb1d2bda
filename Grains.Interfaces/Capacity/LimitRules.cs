namespace OrleansBots.Capacity;

/// <summary>
/// The valid range of every limit, shared by configuration at start, the admin API and the grains,
/// so that each place refuses the same values with the same words.
/// </summary>
public static class LimitRules
{
    public const int MaxBotsCeiling = 1_000_000;

    /// <summary>Returns a message naming the first invalid value, or null when all are valid.</summary>
    public static string? Validate(PlatformLimits limits)
    {
        return CheckRange("MAX_CONCURRENT_BOTS", limits.MaxConcurrentBots, 1, MaxBotsCeiling)
            ?? CheckRange("MAX_BOTS_PER_USER", limits.MaxBotsPerUser, 1, MaxBotsCeiling)
            ?? CheckRange("MAX_TRADES_PER_DAY", limits.MaxTradesPerDay, 1, 10_000_000)
            ?? CheckRange("ALERT_THRESHOLD", limits.AlertThreshold, 1, 100)
            ?? CheckRange("MAX_SIGNALS_PER_MINUTE", limits.MaxSignalsPerMinute, 1, 1_000_000);
    }

    public static string? CheckRange(string name, int value, int min, int max) =>
        value < min || value > max ? $"{name} must be between {min} and {max} (got {value})" : null;
}
