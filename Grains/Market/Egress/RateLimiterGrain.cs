namespace OrleansBots.Market.Egress;

/// <summary>
/// The egress budget of one endpoint for the whole cluster (key: <c>endpoint:&lt;host&gt;</c>). Thin over
/// <see cref="EgressController"/>; held in memory: after a reactivation it starts from a fresh window and
/// learns the exchange's count again from the first answer's weight header. A scope with a limit of its own
/// (<see cref="EgressScopes.WithRate"/>) uses that budget and window.
/// </summary>
public sealed class RateLimiterGrain(IGrainContext context, IOptions<EgressOptions> options, TimeProvider time) : Grain, IRateLimiterGrain
{
    private readonly EgressController _controller = new(EgressScopes.OptionsFor(context.GrainId.Key.ToString()!, options.Value), time);

    public Task<EgressGrant> TryAcquire(int weight) => Task.FromResult(_controller.TryAcquire(weight));

    public Task<EgressGrant> TryLease(int least, int wanted, int unused, DateTimeOffset unusedValidUntil)
    {
        _controller.Return(unused, unusedValidUntil);
        return Task.FromResult(_controller.TryLease(least, wanted));
    }

    public Task Report(EgressOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _controller.Report(outcome);
        return Task.CompletedTask;
    }

    public Task<EgressStats> GetStats() => Task.FromResult(_controller.Stats());
}
