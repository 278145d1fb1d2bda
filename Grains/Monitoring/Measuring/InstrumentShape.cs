namespace OrleansBots.Monitoring.Measuring;

/// <summary>How the aggregator treats the measurements of one instrument.</summary>
public enum InstrumentShape
{
    /// <summary>Counter: each measurement is an increase.</summary>
    Counter,

    /// <summary>Observable counter: each observation is the running total; the increase is the difference.</summary>
    CumulativeCounter,

    /// <summary>Gauge set by code: the last value counts and is repeated while no new one comes.</summary>
    Gauge,

    /// <summary>Observable gauge or up-down counter: the last value observed in the interval; none when not observed.</summary>
    ObservedGauge,

    /// <summary>Up-down counter: each measurement changes a running total, reported as a gauge.</summary>
    RunningTotal,

    /// <summary>Histogram: sum, count, min, max, and buckets when the unit is seconds.</summary>
    Histogram,
}
