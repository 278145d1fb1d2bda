namespace OrleansBots.Bots;

public enum ChatOutcome
{
    Replied,
    NotFound,
    NotChatBot,
    NotRunning,

    /// <summary>The owner sent more messages this minute than MAX_SIGNALS_PER_MINUTE allows.</summary>
    SignalLimitReached,
}
