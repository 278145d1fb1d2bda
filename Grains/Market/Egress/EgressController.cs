namespace OrleansBots.Market.Egress;

/// <summary>
/// The budget of one endpoint: weight per fixed window against an adaptive limit (AIMD: halved on a 429 or
/// 418, raised by a step after each window without one, never above the configured budget), corrected upward
/// by the exchange's own count, blocked while a 429's or 418's <c>Retry-After</c> runs, backing off exponentially
/// (with jitter) after failures in a row and opening a circuit when they go on. Not thread-safe: one owner
/// (the grain) calls it.
/// </summary>
public sealed class EgressController
{
    private readonly EgressOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<double> _random;
    private readonly int _minLimit;

    private long _window = long.MinValue;
    private int _granted;
    private int _exchangeUsed;
    private int _limit;
    private bool _throttledThisWindow;
    private EgressState _state = EgressState.Healthy;
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;
    private int _consecutiveFailures;
    private int _consecutiveThrottles;
    private long _grants;
    private long _rejections;
    private long _throttles;
    private long _bans;
    private long _failures;

    /// <param name="random">Numbers in [0, 1) for the jitter; <see cref="Random.Shared"/> when null.</param>
    public EgressController(EgressOptions options, TimeProvider time, Func<double>? random = null)
    {
        _options = options;
        _time = time;
        _random = random ?? Random.Shared.NextDouble;
        _limit = options.Budget;
        _minLimit = Math.Max(1, (int)(options.Budget * options.MinLimitFraction));
    }

    public int Limit => _limit;

    /// <summary>Weight of the window taken: what was granted (less what came back unspent), or the exchange's count when higher.</summary>
    private int Used => Math.Max(_granted, _exchangeUsed);

    /// <summary>Takes exactly <paramref name="weight"/> when the budget and the endpoint's state allow it.</summary>
    public EgressGrant TryAcquire(int weight) => TryLease(weight, weight, lease: false);

    /// <summary>Takes between <paramref name="least"/> and <paramref name="wanted"/> weight (as much as is left), valid for a lease's duration.</summary>
    public EgressGrant TryLease(int least, int wanted) => TryLease(least, wanted, lease: true);

    /// <summary>
    /// Gives back <paramref name="weight"/> of a lease that was not spent. Only a lease of the current window
    /// (valid until after the window's start) counts: an older window's weight is gone with its window.
    /// </summary>
    public void Return(int weight, DateTimeOffset leaseValidUntil)
    {
        Roll();
        if (weight > 0 && leaseValidUntil > WindowEnd() - _options.Window)
        {
            _granted = Math.Max(0, _granted - weight);
        }
    }

    public void Report(EgressOutcome outcome)
    {
        var now = Roll();
        if (outcome.UsedWeight is { } exchangeCount && exchangeCount > _exchangeUsed)
        {
            // The exchange counts every request from this IP, strangers' included.
            _exchangeUsed = exchangeCount;
        }

        switch (outcome.StatusCode)
        {
            case 418:
                _bans++;
                Decrease();
                Block(EgressState.Banned, now + (outcome.RetryAfter ?? _options.BanWithoutRetryAfter));
                break;
            case 429:
                _throttles++;
                _consecutiveThrottles++;
                Decrease();
                Block(EgressState.Throttled, now + (outcome.RetryAfter ?? Backoff(_consecutiveThrottles)));
                break;
            case 0 or >= 500:
                _failures++;
                _consecutiveFailures++;
                if (_consecutiveFailures >= _options.FailuresToOpen || _state == EgressState.HalfOpen)
                {
                    Block(EgressState.CircuitOpen, now + Jittered(_options.BackoffMax));
                }
                else
                {
                    Block(EgressState.BackingOff, now + Backoff(_consecutiveFailures));
                }

                break;
            default:
                // An answer that is not the endpoint's fault (2xx, 3xx, other 4xx): it works.
                _consecutiveFailures = 0;
                _consecutiveThrottles = 0;
                if (_state == EgressState.HalfOpen)
                {
                    _state = EgressState.Healthy;
                }

                break;
        }
    }

    public EgressStats Stats()
    {
        var now = Roll();
        return new EgressStats(_state, Used, _limit, _options.Budget, _grants, _rejections, _throttles, _bans, _failures,
            _consecutiveFailures, _blockedUntil > now ? _blockedUntil : null);
    }

    /// <summary>The backoff after <paramref name="inARow"/> failures: base × 2^(n−1), at most the maximum, jittered.</summary>
    public TimeSpan Backoff(int inARow)
    {
        var doublings = Math.Min(Math.Max(inARow - 1, 0), 30);
        var plain = Math.Min(_options.BackoffBase.Ticks * (double)(1L << doublings), _options.BackoffMax.Ticks);
        return Jittered(TimeSpan.FromTicks((long)plain));
    }

    private EgressGrant TryLease(int least, int wanted, bool lease)
    {
        if (least <= 0 || wanted < least)
        {
            throw new ArgumentOutOfRangeException(nameof(least), $"Weight must be positive and least ({least}) at most wanted ({wanted})");
        }

        if (least > _options.Budget)
        {
            throw new ArgumentOutOfRangeException(nameof(least), $"Weight {least} is more than the whole budget ({_options.Budget})");
        }

        var now = Roll();
        var windowEnd = WindowEnd();
        if (now < _blockedUntil)
        {
            return Refuse(_blockedUntil - now, windowEnd);
        }

        switch (_state)
        {
            case EgressState.HalfOpen:
                // The probe is out: wait for its outcome.
                return Refuse(_options.BackoffBase, windowEnd);
            case EgressState.CircuitOpen:
                // Open time passed: let exactly one probe through.
                _state = EgressState.HalfOpen;
                break;
            case EgressState.Throttled or EgressState.Banned or EgressState.BackingOff:
                _state = EgressState.Healthy;
                break;
        }

        var left = _limit - Used;
        if (left < least)
        {
            return Refuse(windowEnd - now, windowEnd);
        }

        var granted = Math.Min(wanted, left);
        _granted += granted;
        _grants++;
        var validUntil = lease && now + _options.LeaseDuration < windowEnd ? now + _options.LeaseDuration : windowEnd;
        return new EgressGrant(true, granted, TimeSpan.Zero, validUntil, _state);
    }

    private EgressGrant Refuse(TimeSpan retryAfter, DateTimeOffset windowEnd)
    {
        _rejections++;
        return new EgressGrant(false, 0, retryAfter, windowEnd, _state);
    }

    private void Block(EgressState state, DateTimeOffset until)
    {
        _state = state;
        if (until > _blockedUntil || state == EgressState.CircuitOpen)
        {
            _blockedUntil = until;
        }
    }

    private void Decrease()
    {
        _throttledThisWindow = true;
        _limit = Math.Max(_minLimit, (int)(_limit * _options.DecreaseFactor));
    }

    /// <summary>Starts a new window when the clock entered one; a window without a 429 or 418 raises the limit.</summary>
    private DateTimeOffset Roll()
    {
        var now = _time.GetUtcNow();
        var window = (now - DateTimeOffset.UnixEpoch).Ticks / _options.Window.Ticks;
        if (window != _window)
        {
            if (_window != long.MinValue && !_throttledThisWindow)
            {
                _limit = Math.Min(_options.Budget, _limit + _options.IncreaseStep);
            }

            _window = window;
            _granted = 0;
            _exchangeUsed = 0;
            _throttledThisWindow = false;
        }

        return now;
    }

    private DateTimeOffset WindowEnd() => DateTimeOffset.UnixEpoch + TimeSpan.FromTicks((_window + 1) * _options.Window.Ticks);

    /// <summary>Stretched or shrunk by up to the jitter share, never beyond the longest backoff.</summary>
    private TimeSpan Jittered(TimeSpan plain) =>
        TimeSpan.FromTicks(Math.Min((long)(plain.Ticks * (1 + _options.Jitter * (2 * _random() - 1))), _options.BackoffMax.Ticks));
}
