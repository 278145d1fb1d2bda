namespace OrleansBots.Silo.Failover;

/// <summary>
/// How the silo's HTTP API retries a grain call that failed because it was routed to a silo that is gone
/// (<see cref="HostCallRetry"/>). Bound from the <c>GrainCallRetry</c> section.
/// </summary>
public sealed class GrainCallRetryOptions
{
    public const string Section = "GrainCallRetry";

    /// <summary>
    /// How long a call keeps being retried: longer than the cluster takes to declare a killed silo dead and route
    /// around it (about 5 s with the membership defaults, <see cref="MembershipTuning"/>), shorter than a client's patience.
    /// </summary>
    public TimeSpan Within { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The first pause; each next one doubles, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1);
}
