namespace OrleansBots.Market.Egress;

/// <summary>
/// A silo's door to the cluster-wide egress budgets: it leases a share of an endpoint's budget at a time
/// (<see cref="EgressOptions.LeaseFraction"/>) and spends it locally, so most requests cost no grain call. A
/// lease counts as used in the grain as a whole, so the cluster-wide budget holds however the silos spend theirs;
/// a lease lapses after <see cref="EgressOptions.LeaseDuration"/>, so a 418 seen by one silo stops the others soon,
/// and its unspent weight goes back to the grain with the silo's next lease request.
/// Refusals are remembered until their retry time, so a blocked endpoint does not cost grain calls either.
/// Thread-safe; one instance per process.
/// </summary>
public sealed class EgressBudget(IGrainFactory grains, IOptions<EgressOptions> options, TimeProvider time)
{
    private readonly EgressOptions _options = options.Value;
    private readonly Dictionary<string, Local> _scopes = new(StringComparer.Ordinal);

    /// <summary>Takes <paramref name="weight"/> for one request toward <paramref name="scope"/>, or says when to retry.</summary>
    public async Task<EgressGrant> TryAcquireAsync(string scope, int weight)
    {
        var local = LocalOf(scope);
        if (local.TryTake(weight, time.GetUtcNow()) is { } fromLease)
        {
            return fromLease;
        }

        await local.Refill.WaitAsync();
        try
        {
            // Another caller may have refilled the lease (or learned of a block) while this one waited.
            if (local.TryTake(weight, time.GetUtcNow()) is { } afterWait)
            {
                return afterWait;
            }

            var limiter = grains.GetGrain<IRateLimiterGrain>(scope);
            var share = (int)(_options.Budget * _options.LeaseFraction);
            EgressGrant grant;
            if (share > weight)
            {
                var (unused, validUntil) = local.TakeRest();
                grant = await limiter.TryLease(weight, share, unused, validUntil);
            }
            else
            {
                grant = await limiter.TryAcquire(weight);
            }

            return local.Received(grant, weight, time.GetUtcNow());
        }
        finally
        {
            local.Refill.Release();
        }
    }

    /// <summary>
    /// Tells the budget of <paramref name="scope"/> what the exchange answered. Refusals and failures drop this
    /// silo's lease and reach the grain at once; successes reach it at most once per lease duration (with the
    /// latest weight header), or at once after a refusal or failure (a probe's success closes the circuit).
    /// </summary>
    public Task ReportAsync(string scope, EgressOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var local = LocalOf(scope);
        var now = time.GetUtcNow();
        return local.ShouldForward(outcome, now, _options.LeaseDuration)
            ? grains.GetGrain<IRateLimiterGrain>(scope).Report(outcome)
            : Task.CompletedTask;
    }

    private Local LocalOf(string scope)
    {
        lock (_scopes)
        {
            if (!_scopes.TryGetValue(scope, out var local))
            {
                local = new Local();
                _scopes[scope] = local;
            }

            return local;
        }
    }

    /// <summary>This silo's lease of one scope and what it knows of a block.</summary>
    private sealed class Local
    {
        private readonly Lock _gate = new();
        private int _left;
        private DateTimeOffset _validUntil;
        private DateTimeOffset _blockedUntil;
        private EgressState _blockedState;
        private DateTimeOffset _lastForwarded = DateTimeOffset.MinValue;
        private bool _troubled;

        public SemaphoreSlim Refill { get; } = new(1, 1);

        public EgressGrant? TryTake(int weight, DateTimeOffset now)
        {
            lock (_gate)
            {
                if (now < _blockedUntil)
                {
                    return new EgressGrant(false, 0, _blockedUntil - now, _blockedUntil, _blockedState);
                }

                if (now < _validUntil && _left >= weight)
                {
                    _left -= weight;
                    return new EgressGrant(true, weight, TimeSpan.Zero, _validUntil, EgressState.Healthy);
                }

                return null;
            }
        }

        /// <summary>The unspent weight of the current lease, handed back (the lease ends).</summary>
        public (int Unused, DateTimeOffset ValidUntil) TakeRest()
        {
            lock (_gate)
            {
                var rest = (_left, _validUntil);
                _left = 0;
                return rest;
            }
        }

        public EgressGrant Received(EgressGrant grant, int weight, DateTimeOffset now)
        {
            lock (_gate)
            {
                if (!grant.Granted)
                {
                    _left = 0;
                    _blockedUntil = now + grant.RetryAfter;
                    _blockedState = grant.State;
                    return grant;
                }

                _left = grant.Weight - weight;
                _validUntil = grant.ValidUntil;
                return grant with { Weight = weight };
            }
        }

        public bool ShouldForward(EgressOutcome outcome, DateTimeOffset now, TimeSpan interval)
        {
            lock (_gate)
            {
                if (outcome.StatusCode is 0 or 418 or 429 or >= 500)
                {
                    _left = 0;
                    _troubled = true;
                    _lastForwarded = now;
                    return true;
                }

                if (_troubled || now - _lastForwarded >= interval)
                {
                    _troubled = false;
                    _lastForwarded = now;
                    return true;
                }

                return false;
            }
        }
    }
}
