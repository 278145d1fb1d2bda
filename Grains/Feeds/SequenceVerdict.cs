namespace OrleansBots.Feeds;

/// <summary>What an item's sequence says about the stream before it.</summary>
public enum SequenceVerdict
{
    /// <summary>The next one (or a kline's update of the current candle).</summary>
    InOrder,

    /// <summary>Some items between the last one and this were never seen (delivered anyway).</summary>
    AfterGap,

    /// <summary>Seen already or older than the last (dropped).</summary>
    Duplicate,
}
