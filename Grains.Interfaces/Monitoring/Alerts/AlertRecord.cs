using System.Text.Json.Serialization;

namespace OrleansBots.Monitoring.Alerts;

/// <summary>
/// One fired alert, as stored in the <c>alerts</c> table, sent to the sinks and, for capacity alerts, kept by the
/// capacity grain.
/// </summary>
/// <param name="Rule">What was crossed, e.g. <c>cpu</c>, <c>memory</c>, <c>error_rate</c>, <c>capacity</c>.</param>
/// <param name="Scope">What it is about: a silo name, an operation, or <c>platform</c>.</param>
[GenerateSerializer, Immutable, Alias("OrleansBots.Alerts.AlertRecord")]
public sealed record AlertRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Silo,
    [property: Id(2)] string Rule,
    [property: Id(3)] string Scope,
    [property: Id(4)] AlertSeverity Severity,
    [property: Id(5)] double Value,
    [property: Id(6)] double Threshold,
    [property: Id(7)] string Message)
{
    public const string CapacityRule = "capacity";
    public const string PlatformScope = "platform";

    // The counts of a capacity alert are shown by the stats view; the webhook's payload stays as it always was.

    /// <summary>Running bots when a capacity alert was raised; null for other rules.</summary>
    [Id(8), JsonIgnore]
    public int? CurrentBots { get; init; }

    /// <summary>MAX_CONCURRENT_BOTS when a capacity alert was raised; null for other rules.</summary>
    [Id(9), JsonIgnore]
    public int? MaxBots { get; init; }

    /// <summary>The one severity rule of capacity alerts: the first level (ALERT_THRESHOLD) warns, the levels above it are critical.</summary>
    public static AlertSeverity CapacitySeverity(double thresholdPercent, int alertThreshold) =>
        thresholdPercent > alertThreshold ? AlertSeverity.Critical : AlertSeverity.Warning;

    /// <summary>A capacity alert: usage crossed <paramref name="thresholdPercent"/> with <paramref name="currentBots"/> of <paramref name="maxBots"/> running.</summary>
    public static AlertRecord Capacity(
        DateTimeOffset at, string silo, int thresholdPercent, int currentBots, int maxBots, string message, int alertThreshold) =>
        new(
            at,
            silo,
            CapacityRule,
            PlatformScope,
            CapacitySeverity(thresholdPercent, alertThreshold),
            Math.Round(currentBots * 100.0 / Math.Max(1, maxBots), 1),
            thresholdPercent,
            message)
        {
            CurrentBots = currentBots,
            MaxBots = maxBots,
        };
}
