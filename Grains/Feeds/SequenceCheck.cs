namespace OrleansBots.Feeds;

/// <summary>
/// Gaps and duplicates per symbol and stream: trade ids go up by one; kline open times stay (an update of the open
/// candle) or go up by one interval. Memory: two numbers per symbol and kind. Not thread-safe.
/// </summary>
public sealed class SequenceCheck(TimeSpan klineInterval)
{
    private readonly Dictionary<(string Symbol, string Kind), long> _last = [];

    public SequenceVerdict Check(MarketTick tick)
    {
        var key = (tick.Symbol, tick.Kind);
        if (!_last.TryGetValue(key, out var last))
        {
            _last[key] = tick.Sequence;
            return SequenceVerdict.InOrder;
        }

        var kline = tick.Kind == "kline";
        if (tick.Sequence < last || (!kline && tick.Sequence == last))
        {
            return SequenceVerdict.Duplicate;
        }

        _last[key] = tick.Sequence;
        var step = kline ? (long)klineInterval.TotalMilliseconds : 1;
        return tick.Sequence - last > step ? SequenceVerdict.AfterGap : SequenceVerdict.InOrder;
    }
}
