using OrleansBots.Http;

namespace OrleansBots.Silo.Api;

/// <summary>Refusals in one shape: <c>{"success": false, "error": "..."}</c> plus what to do next.</summary>
public static class ApiResults
{
    public static IResult BadRequest(string error) => Error(StatusCodes.Status400BadRequest, error);

    public static IResult Unauthorized(string error) => Error(StatusCodes.Status401Unauthorized, error);

    public static IResult NotFound(string error) => Error(StatusCodes.Status404NotFound, error);

    public static IResult Conflict(string error) => Error(StatusCodes.Status409Conflict, error);

    public static IResult TooManyRequests(string error, string limit, int retryAfterSeconds) =>
        new WithRetryAfter(Error(StatusCodes.Status429TooManyRequests, error, limit, retryAfterSeconds), retryAfterSeconds);

    public static IResult Unavailable(string error, int retryAfterSeconds) =>
        new WithRetryAfter(Error(StatusCodes.Status503ServiceUnavailable, error, null, retryAfterSeconds), retryAfterSeconds);

    private static IResult Error(int status, string error, string? limit = null, int? retryAfter = null) =>
        Results.Json(new ErrorResponse(false, error, limit, retryAfter), ApiJson.Options, statusCode: status);

    /// <summary>Adds a <c>Retry-After</c> header to another result.</summary>
    private sealed class WithRetryAfter(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
