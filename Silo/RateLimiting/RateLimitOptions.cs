namespace OrleansBots.Silo.RateLimiting;

/// <summary>
/// HTTP rate limits (<c>RateLimits__*</c>): requests per fixed window per API key (or admin token) and per client
/// address, and failed sign-ins or unknown keys per client address. Over a limit: 429 naming it, with Retry-After.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>False turns every HTTP rate limit off (for benchmarks on a trusted network).</summary>
    public bool Enabled { get; set; } = true;

    public int PerApiKeyPermits { get; set; } = 3000;

    public TimeSpan PerApiKeyWindow { get; set; } = TimeSpan.FromMinutes(1);

    public int PerAddressPermits { get; set; } = 6000;

    public TimeSpan PerAddressWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Refused credentials (wrong admin token, unknown or revoked API key, failed sign-in) an address may send per window.</summary>
    public int FailedAuthPermits { get; set; } = 30;

    public TimeSpan FailedAuthWindow { get; set; } = TimeSpan.FromMinutes(1);
}
