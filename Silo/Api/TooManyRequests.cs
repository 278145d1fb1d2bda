using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using OrleansBots.Contracts;
using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Silo.Api;

/// <summary>
/// 429: a limit of the caller was hit. Names the limit, says when to retry (also as Retry-After), and is counted in
/// <c>rate_limit_rejections</c> (scope <c>api</c>).
/// </summary>
public sealed class TooManyRequests(string error, string limit, int retryAfterSeconds)
    : Refusal(StatusCodes.Status429TooManyRequests, new ErrorResponse(false, error, limit, retryAfterSeconds)), IEndpointMetadataProvider
{
    public override Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.RequestServices.GetService<Measurements>()?.Count(
            MetricNames.RateLimitRejections, 1, new KeyValuePair<string, object?>("scope", "api"), new KeyValuePair<string, object?>("limit", limit));
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return base.ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status429TooManyRequests);
}
