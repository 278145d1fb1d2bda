using Microsoft.AspNetCore.Diagnostics;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Api;

/// <summary>
/// The last line of defence: a client that hung up is noted at debug level (no stack trace: nothing is wrong with
/// the silo); a request the server could not read is its 4xx; a grain that cannot be reached right now (its silo
/// just died, a call timed out) answers 503 with Retry-After; anything else is logged and answered 500 without
/// internals.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>This handler logs what it handles itself, so the middleware's own error log (with stack) is suppressed.</summary>
    public static bool IsHandledQuietly(ExceptionHandlerSuppressDiagnosticsContext context) =>
        context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested && exception is OperationCanceledException or IOException or BadHttpRequestException)
        {
            LogHungUp(httpContext, exception);
            return true;
        }

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
        try
        {
            await httpContext.Response.WriteAsJsonAsync(new ErrorResponse(false, message), ApiJson.Options, cancellationToken);
        }
        catch (Exception error) when (error is OperationCanceledException or IOException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // A client that half-closed its request (its body ended early) is often gone by the time its 4xx is written.
            LogHungUp(httpContext, error);
        }

        return true;
    }

    private void LogHungUp(HttpContext httpContext, Exception error) =>
        logger.LogDebug("The client of {Method} {Path} hung up ({Error})", httpContext.Request.Method, httpContext.Request.Path, error.GetType().Name);
}
