namespace OrleansBots.Capacity;

public enum AdmissionOutcome
{
    /// <summary>A new lease was granted.</summary>
    Granted,

    /// <summary>The bot already held a lease; nothing changed.</summary>
    AlreadyHeld,

    /// <summary>The platform has no free slot.</summary>
    PlatformFull,

    /// <summary>The user runs as many bots as their limit allows.</summary>
    UserLimitReached,
}
