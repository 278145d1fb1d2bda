namespace OrleansBots.Monitoring.Measuring;

/// <summary>
/// One operation being timed (<see cref="Measurements.Time"/>); disposing records its duration and outcome once.
/// A class, not a struct: a <c>using var</c> struct is read-only, so <see cref="Fail"/> would mark a copy.
/// </summary>
public sealed class OperationTiming : IDisposable
{
    private readonly Measurements _measurements;
    private readonly string _operation;
    private readonly long _started;
    private bool _failed;
    private bool _recorded;

    internal OperationTiming(Measurements measurements, string operation, long started)
    {
        _measurements = measurements;
        _operation = operation;
        _started = started;
    }

    /// <summary>Marks the operation as failed; it is recorded with <c>status=failure</c> when disposed.</summary>
    public void Fail() => _failed = true;

    public void Dispose()
    {
        if (_recorded)
        {
            return;
        }

        _recorded = true;
        _measurements.RecordOperation(_operation, _started, !_failed);
    }
}
