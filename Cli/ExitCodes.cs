namespace OrleansBots.Cli;

/// <summary>What scripts read from <c>$?</c>.</summary>
public static class ExitCodes
{
    public const int Done = 0;

    /// <summary>The server refused (with its message), could not be reached, or something else failed.</summary>
    public const int Error = 1;

    /// <summary>The command line was wrong: unknown command or option, a bad value, no server or credential to use.</summary>
    public const int Usage = 2;

    /// <summary>The platform is full or one of the caller's limits was hit; Retry-After is printed.</summary>
    public const int Refused = 3;
}
