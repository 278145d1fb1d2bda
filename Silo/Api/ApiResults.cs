using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Api;

/// <summary>Refusals in one shape: <c>{"success": false, "error": "..."}</c> plus what to do next.</summary>
public static class ApiResults
{
    /// <summary>400 naming the field the message is about (<see cref="ErrorField"/>).</summary>
    public static BadRequest<ErrorResponse> BadRequest(string error) => TypedResults.BadRequest(new ErrorResponse(false, error, Field: ErrorField.Of(error)));

    public static IResult Unauthorized(string error) =>
        new WithHeader(TypedResults.Json(Error(error), statusCode: StatusCodes.Status401Unauthorized), "WWW-Authenticate", "Bearer");

    public static IResult Forbidden(string error) => TypedResults.Json(Error(error), statusCode: StatusCodes.Status403Forbidden);

    public static NotFound<ErrorResponse> NotFound(string error) => TypedResults.NotFound(Error(error));

    public static Conflict<ErrorResponse> Conflict(string error) => TypedResults.Conflict(Error(error));

    public static TooManyRequests TooManyRequests(string error, string limit, int retryAfterSeconds) => new(error, limit, retryAfterSeconds);

    public static ServiceUnavailable<ErrorResponse> Unavailable(string error, int retryAfterSeconds) =>
        new(new ErrorResponse(false, error, null, retryAfterSeconds), retryAfterSeconds);

    /// <summary>503 of a start on a full platform: the seed's message, and the numbers in it as fields of their own.</summary>
    public static ServiceUnavailable<ErrorResponse> PlatformFull(int currentBots, int maxBots, int retryAfterSeconds) =>
        new(
            new ErrorResponse(
                false,
                $"Server full ({currentBots}/{maxBots} bots active). Try again in a few minutes.",
                RetryAfterSeconds: retryAfterSeconds,
                CurrentBots: currentBots,
                MaxBots: maxBots),
            retryAfterSeconds);

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

    private static ErrorResponse Error(string error) => new(false, error);

    /// <summary>Adds a header (WWW-Authenticate) to another result.</summary>
    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
