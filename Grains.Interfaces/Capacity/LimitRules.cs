namespace OrleansBots.Capacity;

/// <summary>
/// The valid range of every limit, shared by configuration at start, the admin API and the grains,
/// so that each place refuses the same values with the same words.
/// </summary>
public static class LimitRules
{
    public const int MaxBotsCeiling = 1_000_000;

    public static LimitRange MaxConcurrentBots { get; } = new("MAX_CONCURRENT_BOTS", 1, MaxBotsCeiling);

    public static LimitRange MaxBotsPerUser { get; } = new("MAX_BOTS_PER_USER", 1, MaxBotsCeiling);

    public static LimitRange MaxTradesPerDay { get; } = new("MAX_TRADES_PER_DAY", 1, 10_000_000);

    public static LimitRange AlertThreshold { get; } = new("ALERT_THRESHOLD", 1, 100);

    public static LimitRange MaxSignalsPerMinute { get; } = new("MAX_SIGNALS_PER_MINUTE", 1, 1_000_000);

    /// <summary>Returns a message naming the first invalid value, or null when all are valid.</summary>
    public static string? Validate(PlatformLimits limits) =>
        MaxConcurrentBots.Check(limits.MaxConcurrentBots)
        ?? MaxBotsPerUser.Check(limits.MaxBotsPerUser)
        ?? MaxTradesPerDay.Check(limits.MaxTradesPerDay)
        ?? AlertThreshold.Check(limits.AlertThreshold)
        ?? MaxSignalsPerMinute.Check(limits.MaxSignalsPerMinute);
}
