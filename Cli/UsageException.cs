namespace OrleansBots.Cli;

/// <summary>The command cannot run as given (exit code 2): a missing credential, a value out of range, no profile.</summary>
public sealed class UsageException(string message) : Exception(message);
