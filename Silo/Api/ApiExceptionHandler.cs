using Microsoft.AspNetCore.Diagnostics;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Api;

/// <summary>
/// The last line of defence: a grain that cannot be reached right now (its silo just died, a call timed out)
/// answers 503 with Retry-After; anything else is logged and answered 500 without internals.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string message;
        if (exception is BadHttpRequestException badRequest)
        {
            status = badRequest.StatusCode;
            message = badRequest.Message;
        }
        else if (exception is TimeoutException or OrleansException or OperationCanceledException)
        {
            status = StatusCodes.Status503ServiceUnavailable;
            message = "The platform is temporarily unavailable (a silo may be restarting). Try again in a few seconds.";
            httpContext.Response.Headers.RetryAfter = "5";
            logger.LogWarning(exception, "Request {Method} {Path} could not reach a grain", httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            status = StatusCodes.Status500InternalServerError;
            message = $"Internal error; the silo log has the details (trace id {httpContext.TraceIdentifier})";
            logger.LogError(exception, "Request {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        await httpContext.Response.WriteAsJsonAsync(new ErrorResponse(false, message), ApiJson.Options, cancellationToken);
        return true;
    }
}
