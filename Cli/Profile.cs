namespace OrleansBots.Cli;

/// <summary>One named place to talk to: the server and the credentials saved for it (either may be missing).</summary>
public sealed record Profile(string Server, string? AdminToken = null, string? ApiKey = null);
