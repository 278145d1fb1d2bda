using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using OrleansBots.Silo.Api;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter in front of every endpoint: per client address, then per credential (the bearer token:
/// a user's API key or the admin token), each a fixed window from <see cref="RateLimitOptions"/>. Failed credentials
/// are counted apart (<see cref="FailedAuthThrottle"/>).
/// </summary>
public static class RateLimitingRegistration
{
    public const string PerAddress = "requests_per_address";
    public const string PerApiKey = "requests_per_api_key";

    public static IServiceCollection AddHttpRateLimits(this IServiceCollection services)
    {
        services.AddCheckedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.Section);
        services.AddSingleton<FailedAuthThrottle>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, configured) =>
        {
            var limits = configured.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            if (!limits.Enabled)
            {
                return;
            }

            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                new NamedLimiter(PerAddress, PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(http), _ => Window(limits.PerAddressPermits, limits.PerAddressWindow)))),
                new NamedLimiter(PerApiKey, PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    BearerToken.From(http.Request) is { } credential
                        ? RateLimitPartition.GetFixedWindowLimiter(Fingerprint(credential), _ => Window(limits.PerApiKeyPermits, limits.PerApiKeyWindow))
                        : RateLimitPartition.GetNoLimiter(string.Empty))));
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new() { PermitLimit = permits, Window = window, QueueLimit = 0 };

    // Partitions are keyed by a hash: the limiter's table holds no credential.
    private static string Fingerprint(string credential) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credential)));

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var limit = NamedLimiter.RefusedLimitOf(http) ?? PerAddress;
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
        var who = limit == PerApiKey ? "for this API key" : "from your address";
        await ApiResults.TooManyRequests(string.Create(CultureInfo.InvariantCulture, $"Too many requests {who}. Try again in {retry} s."), limit, retry).ExecuteAsync(http);
    }
}
