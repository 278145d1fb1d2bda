namespace OrleansBots.Monitoring.Alerts;

/// <summary>
/// Alert thresholds, the cooldown between two alerts of one rule and scope, the minimum samples a rate is
/// judged on, and the webhook. Bound from the <c>Alerts</c> configuration section (e.g. <c>Alerts__CpuPercent=80</c>).
/// The first capacity level is <c>ALERT_THRESHOLD</c>, changeable while running through the limits API.
/// </summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Process or machine CPU use at or above this percent alerts.</summary>
    public double CpuPercent { get; set; } = 90;

    /// <summary>Memory use (of the cgroup limit when set, else of total) at or above this percent alerts.</summary>
    public double MemoryPercent { get; set; } = 85;

    public double DiskPercent { get; set; } = 95;

    /// <summary>Failed operations, in percent of an operation's calls, at or above this alerts.</summary>
    public double ErrorRatePercent { get; set; } = 10;

    /// <summary>An operation whose mean duration is at or above this many seconds alerts.</summary>
    public double ResponseTimeSeconds { get; set; } = 5;

    /// <summary>Cache hits in percent of lookups below this alerts.</summary>
    public double CacheHitRatePercent { get; set; } = 50;

    /// <summary>Successful trades in percent of all trades below this alerts.</summary>
    public double TradeSuccessRatePercent { get; set; } = 50;

    /// <summary>Second capacity level (critical); the first is ALERT_THRESHOLD.</summary>
    public int CapacityCriticalPercent { get; set; } = 95;

    /// <summary>Third capacity level (critical): the platform is full.</summary>
    public int CapacityFullPercent { get; set; } = 100;

    /// <summary>After an alert fires, the same rule and scope stays quiet this long, over or not.</summary>
    public TimeSpan CooldownPeriod { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Rates (errors, response time) are judged only once an operation has this many calls, so 1 failure of 1 pages no one.</summary>
    public int MinOperations { get; set; } = 20;

    /// <summary>The cache hit rate is judged only once there were this many lookups.</summary>
    public int MinCacheLookups { get; set; } = 50;

    /// <summary>The trade success rate is judged only once there were this many trades.</summary>
    public int MinTrades { get; set; } = 10;

    /// <summary>Samples older than this that never reached their minimum are dropped rather than judged late.</summary>
    public TimeSpan SampleWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Alerts are POSTed here as JSON when set; its query string may carry a token and is never logged.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Alerts waiting for the webhook; when full, the oldest is dropped (counted and logged).</summary>
    public int WebhookQueue { get; set; } = 1000;

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public int WebhookRetries { get; set; } = 3;

    public Uri? Webhook => string.IsNullOrWhiteSpace(WebhookUrl) ? null : new Uri(WebhookUrl.Trim(), UriKind.Absolute);
}
