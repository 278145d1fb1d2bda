using System.Threading.RateLimiting;

namespace OrleansBots.Silo.RateLimiting;

/// <summary>
/// A partitioned limiter that, when it refuses a request, notes its name in the request's items: of two chained
/// limiters, the 429 says which one refused (ASP.NET Core's rejection callback only gets the lease).
/// </summary>
public sealed class NamedLimiter(string name, PartitionedRateLimiter<HttpContext> inner) : PartitionedRateLimiter<HttpContext>
{
    private const string RefusedBy = "orleansbots.rate_limit";

    public static string? RefusedLimitOf(HttpContext http) => http.Items[RefusedBy] as string;

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        Noted(resource, inner.AttemptAcquire(resource, permitCount));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        Noted(resource, await inner.AcquireAsync(resource, permitCount, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore() => inner.DisposeAsync();

    private RateLimitLease Noted(HttpContext resource, RateLimitLease lease)
    {
        if (!lease.IsAcquired)
        {
            resource.Items[RefusedBy] = name;
        }

        return lease;
    }
}
