namespace OrleansBots.Bots;

public enum StartOutcome
{
    Started,
    AlreadyRunning,
    PlatformFull,
    UserLimitReached,
    NotFound,

    /// <summary>The owner's bot-action cooldown or hourly quota refused the start (<see cref="StartResult.BotAction"/> says which).</summary>
    BotActionRefused,
}
