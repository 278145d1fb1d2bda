namespace OrleansBots.Silo.Failover;

/// <summary>
/// How the silo's HTTP API retries a grain call that failed because it was routed to a silo that is gone
/// (<see cref="HostCallRetry"/>). Bound from the <c>GrainCallRetry</c> section.
/// </summary>
public sealed class GrainCallRetryOptions : RetryWindowOptions
{
    public const string Section = "GrainCallRetry";

    /// <summary>
    /// A call keeps being retried for 15 s: longer than the cluster takes to declare a killed silo dead and route
    /// around it (about 5 s with the membership defaults, <see cref="MembershipTuning"/>), shorter than a client's patience.
    /// </summary>
    public GrainCallRetryOptions() => Within = TimeSpan.FromSeconds(15);
}
