namespace OrleansBots.Market.Egress;

/// <summary>
/// How egress budgets toward exchanges behave. Bound from the <c>Egress</c> configuration section
/// (e.g. <c>Egress__FailuresToOpen=5</c>); the budget itself follows <c>Market__WeightPerMinute</c>.
/// </summary>
public sealed class EgressOptions
{
    public const string Section = "Egress";

    /// <summary>Weight the exchange allows per window (Binance: 6000 per minute).</summary>
    public int Budget { get; set; } = 6000;

    /// <summary>The exchange's window; windows start at multiples of it since the Unix epoch, as Binance's minutes do.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Factor the adaptive limit is multiplied by on a 429 or 418 (multiplicative decrease).</summary>
    public double DecreaseFactor { get; set; } = 0.5;

    /// <summary>Weight the adaptive limit grows by after each window that ended without a 429 (additive increase).</summary>
    public int IncreaseStep { get; set; } = 600;

    /// <summary>The adaptive limit never falls below this share of the budget.</summary>
    public double MinLimitFraction { get; set; } = 0.05;

    /// <summary>First backoff after a failure or a 429 without <c>Retry-After</c>; doubles with each one in a row.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest backoff, and how long the circuit stays open.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Each backoff is stretched or shrunk by up to this share at random, so silos do not retry in step.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>Failures in a row (5xx, timeouts, no answer) that open the circuit.</summary>
    public int FailuresToOpen { get; set; } = 5;

    /// <summary>How long a 418 blocks when the exchange sends no <c>Retry-After</c>.</summary>
    public TimeSpan BanWithoutRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Share of the budget a silo leases at once; 0 makes every request ask the grain.</summary>
    public double LeaseFraction { get; set; } = 0.1;

    /// <summary>Longest time a silo may spend a lease, so that a 418 seen elsewhere stops it soon.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(1);
}
