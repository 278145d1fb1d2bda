namespace OrleansBots.Bots;

public enum StartOutcome
{
    Started,
    AlreadyRunning,
    PlatformFull,
    UserLimitReached,
    NotFound,
}
