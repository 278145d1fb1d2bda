namespace OrleansBots.Silo.Tests.Security;

/// <summary>Whose credential a fuzzed request carries.</summary>
public enum FuzzCaller
{
    Nobody,
    Admin,
    Owner,
    OtherTenant,
    Garbage,
}

/// <summary>One generated request: what is sent, who sends it, and whether it names a bot of the tenant the caller is not.</summary>
public sealed record FuzzRequest(string Method, string PathAndQuery, FuzzCaller Caller, byte[]? Body, string? ContentType, string Description)
{
    /// <summary>True when the path names a bot of the other tenant: any 2xx is a cross-tenant success.</summary>
    public bool AimsAcrossTenants { get; init; }
}
