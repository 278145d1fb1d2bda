namespace OrleansBots.Bots;

/// <summary>
/// What a silo logs when its bots resume from storage after a restart: a line a second while they resume, with how many
/// did, instead of a line per bot (a silo restarted with 100,000 running bots on PostgreSQL resumes them all within a
/// minute or two, and a line each buried everything else in its log). Each bot's own event log still gets its
/// "resumed on ..." event. Thread-safe; the timer runs only while bots resume.
/// </summary>
public sealed class ResumedBots : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ILogger<ResumedBots> _logger;
    private readonly string _silo;
    private readonly ITimer _timer;
    private int _unlogged;
    private long _total;
    private int _ticking;

    public ResumedBots(ILogger<ResumedBots> logger, TimeProvider time, string silo)
    {
        _logger = logger;
        _silo = silo;
        // Made when the first bot's activation asks for this: the timer must not carry that bot's context into every line.
        using (ExecutionContext.SuppressFlow())
        {
            _timer = time.CreateTimer(_ => Log(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>One bot resumed on this silo: counted in the next line.</summary>
    public void Resumed()
    {
        Interlocked.Increment(ref _unlogged);
        if (Interlocked.CompareExchange(ref _ticking, 1, 0) == 0)
        {
            _timer.Change(Interval, Interval);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Log();
    }

    private void Log()
    {
        var count = Interlocked.Exchange(ref _unlogged, 0);
        if (count > 0)
        {
            var total = Interlocked.Add(ref _total, count);
            _logger.LogInformation("{Count} bot(s) resumed from storage on {Silo} ({Total} since the silo started)", count, _silo, total);
            return;
        }

        // A quiet second: stop until the next resume. The timer stops before the flag drops, so a resume that sees the
        // flag down starts it after this stop; one that came in between is caught by the check after (a full fence, so
        // that check cannot be read before the flag is down).
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Interlocked.Exchange(ref _ticking, 0);
        if (Volatile.Read(ref _unlogged) > 0 && Interlocked.CompareExchange(ref _ticking, 1, 0) == 0)
        {
            _timer.Change(Interval, Interval);
        }
    }
}
