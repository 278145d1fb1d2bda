namespace OrleansBots.Bots;

/// <summary>
/// One item of a bot's history on its way to the <see cref="IBotHistory"/>: a <see cref="Trade"/>, <see cref="Signal"/>
/// or <see cref="ChatReply"/>, numbered by the bot's running count of its kind.
/// </summary>
public readonly record struct HistoryItem(HistoryKind Kind, long Seq, DateTimeOffset At, object Item);
