using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace OrleansBots.Silo.Api;

/// <summary>503 with a JSON body (a refusal, or the health report saying what is down) and, when known, when to retry.</summary>
public sealed class ServiceUnavailable<TValue>(TValue value, int? retryAfterSeconds = null)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<TValue>
{
    public TValue Value => value;

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status503ServiceUnavailable;

    object? IValueHttpResult.Value => value;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (retryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Json(value, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(TValue), ["application/json"]));
}
