using System.Globalization;
using System.Threading.RateLimiting;
using OrleansBots.Silo.Api;

namespace OrleansBots.Silo.RateLimiting;

/// <summary>
/// Refused credentials per client address (<see cref="RateLimitOptions.FailedAuthPermits"/> per window): a wrong admin
/// token, an unknown, revoked or forged API key, a failed sign-in. Once an address used them up, every credential it
/// sends is refused with 429 until the window ends, right ones too, so guessing learns nothing.
/// </summary>
public sealed class FailedAuthThrottle : IDisposable
{
    public const string LimitName = "failed_auth_per_address";

    private readonly bool _enabled;
    private readonly PartitionedRateLimiter<string> _failures;

    public FailedAuthThrottle(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _enabled = limits.Enabled;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.FailedAuthPermits,
            Window = limits.FailedAuthWindow,
            QueueLimit = 0,
        }));
    }

    /// <summary>The 429 when the caller's address has no refused credentials left in this window; null otherwise.</summary>
    public TooManyRequests? Refusal(HttpContext http)
    {
        if (!_enabled)
        {
            return null;
        }

        // Zero permits: asks whether any are left without using one.
        using var lease = _failures.AttemptAcquire(ClientAddress.Of(http), 0);
        return lease.IsAcquired ? null : Throttled(lease);
    }

    /// <summary>Counts refused credentials of the caller's address; the 429 when that was one too many.</summary>
    public TooManyRequests? Failed(HttpContext http)
    {
        if (!_enabled)
        {
            return null;
        }

        using var lease = _failures.AttemptAcquire(ClientAddress.Of(http));
        return lease.IsAcquired ? null : Throttled(lease);
    }

    public void Dispose() => _failures.Dispose();

    private static TooManyRequests Throttled(RateLimitLease lease)
    {
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
        return ApiResults.TooManyRequests(
            string.Create(CultureInfo.InvariantCulture, $"Too many refused credentials from your address. Try again in {retry} s."),
            LimitName,
            retry);
    }
}
