using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using OrleansBots.Contracts;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;

namespace OrleansBots.Silo.Api;

/// <summary>Refusals in one shape: <c>{"success": false, "error": "..."}</c> plus what to do next.</summary>
public static class ApiResults
{
    public static IResult BadRequest(string error) => Error(StatusCodes.Status400BadRequest, error);

    public static IResult Unauthorized(string error) =>
        new WithHeader(Error(StatusCodes.Status401Unauthorized, error), "WWW-Authenticate", "Bearer");

    public static IResult NotFound(string error) => Error(StatusCodes.Status404NotFound, error);

    public static IResult Conflict(string error) => Error(StatusCodes.Status409Conflict, error);

    public static IResult PayloadTooLarge(string error) => Error(StatusCodes.Status413PayloadTooLarge, error);

    public static IResult TooManyRequests(string error, string limit, int retryAfterSeconds) =>
        new CountedRejection(new WithHeader(Error(StatusCodes.Status429TooManyRequests, error, limit, retryAfterSeconds), "Retry-After", Seconds(retryAfterSeconds)), limit);

    public static IResult Unavailable(string error, int retryAfterSeconds) =>
        new WithHeader(Error(StatusCodes.Status503ServiceUnavailable, error, null, retryAfterSeconds), "Retry-After", Seconds(retryAfterSeconds));

    private static IResult Error(int status, string error, string? limit = null, int? retryAfter = null) =>
        Results.Json(new ErrorResponse(false, error, limit, retryAfter), ApiJson.Options, statusCode: status);

    /// <summary>
    /// For answers the framework produces without a body (unknown route, wrong method): the same JSON
    /// shape as every other refusal.
    /// </summary>
    public static Task WriteBareStatusAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var error = status switch
        {
            StatusCodes.Status404NotFound => $"No such endpoint: {http.Request.Method} {http.Request.Path}",
            StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path}",
            _ => ReasonPhrases.GetReasonPhrase(status),
        };
        return http.Response.WriteAsJsonAsync(new ErrorResponse(false, error), ApiJson.Options);
    }

    private static string Seconds(int seconds) => seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A 429 of the API, counted in <c>rate_limit_rejections</c> (scope <c>api</c>) with the limit it names.</summary>
    private sealed class CountedRejection(IResult inner, string limit) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.RequestServices.GetService<Measurements>()?.Count(
                MetricNames.RateLimitRejections, 1, new KeyValuePair<string, object?>("scope", "api"), new KeyValuePair<string, object?>("limit", limit));
            return inner.ExecuteAsync(httpContext);
        }
    }

    /// <summary>Adds a header (Retry-After, WWW-Authenticate) to another result.</summary>
    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
