namespace OrleansBots.Market.Egress;

/// <summary>
/// How many outgoing calls to one endpoint may be in flight at once, adapted to how the endpoint answers:
/// errors and timeouts cut the limit (multiplicative decrease); otherwise a latency gradient in the manner of
/// Netflix's Gradient2 moves it — the ratio of the long-term to the short-term round-trip time shrinks the
/// limit when calls slow down (a queue is building) and lets it grow by a small headroom when they do not.
/// Also keeps the latency and success statistics. Thread-safe.
/// </summary>
public sealed class AdaptiveConcurrency
{
    public const int MinLimit = 1;
    public const int MaxLimit = 20;
    public const int InitialLimit = 8;

    private const double Backoff = 0.9;
    private const double ShortSmoothing = 0.2;
    private const double LongSmoothing = 0.02;
    private const double LimitSmoothing = 0.2;

    private readonly object _gate = new();
    private readonly LatencyWindow _latency = new(1000);
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private double _limit = InitialLimit;
    private double _shortRtt;
    private double _longRtt;
    private int _inFlight;
    private long _successes;
    private long _failures;

    public int Limit
    {
        get
        {
            lock (_gate)
            {
                return CurrentLimit;
            }
        }
    }

    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    private int CurrentLimit => (int)Math.Clamp(Math.Round(_limit), MinLimit, MaxLimit);

    /// <summary>Waits for a free place among the calls in flight.</summary>
    public Task EnterAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_inFlight < CurrentLimit)
            {
                _inFlight++;
                return Task.CompletedTask;
            }

            var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(turn);
            cancellationToken.Register(() => turn.TrySetCanceled(cancellationToken));
            return turn.Task;
        }
    }

    /// <summary>Ends a call: frees its place and learns from its outcome and round-trip time.</summary>
    public void Exit(TimeSpan roundTrip, bool succeeded)
    {
        lock (_gate)
        {
            _inFlight--;
            _latency.Add(roundTrip.TotalMilliseconds);
            if (succeeded)
            {
                _successes++;
                Learn(roundTrip.TotalMilliseconds);
            }
            else
            {
                _failures++;
                _limit = Math.Max(MinLimit, _limit * Backoff);
            }

            while (_inFlight < CurrentLimit && _waiting.TryDequeue(out var next))
            {
                if (next.TrySetResult())
                {
                    _inFlight++;
                }
            }
        }
    }

    public ConcurrencyStats Stats
    {
        get
        {
            lock (_gate)
            {
                var calls = _successes + _failures;
                return new ConcurrencyStats(
                    CurrentLimit,
                    _inFlight,
                    calls == 0 ? 1 : (double)_successes / calls,
                    _latency.Average,
                    _latency.Min,
                    _latency.Max,
                    _latency.Percentile(0.95));
            }
        }
    }

    private void Learn(double rtt)
    {
        if (_longRtt == 0)
        {
            _shortRtt = _longRtt = rtt;
            return;
        }

        _shortRtt += ShortSmoothing * (rtt - _shortRtt);
        _longRtt += LongSmoothing * (rtt - _longRtt);

        // Below 1 when calls got slower than usual; never below one half, so one slow call cannot halve the limit.
        var gradient = Math.Clamp(_longRtt / _shortRtt, 0.5, 1.0);
        var headroom = Math.Sqrt(_limit);
        var target = Math.Clamp((_limit * gradient) + headroom, MinLimit, MaxLimit);
        _limit += LimitSmoothing * (target - _limit);
    }
}
