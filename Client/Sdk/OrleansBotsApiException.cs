using System.Net;
using OrleansBots.Contracts;

namespace OrleansBots.Client;

/// <summary>
/// The platform refused a request: its status code, its message (<see cref="Error"/>, the server's own words) and, when
/// it sent one, when to try again. Refusals with more to say are subclasses: <see cref="PlatformFullException"/>,
/// <see cref="LimitExceededException"/>, <see cref="NotFoundException"/>, <see cref="RequestValidationException"/>.
/// </summary>
/// <param name="statusCode">The HTTP status of the refusal.</param>
/// <param name="error">The server's message.</param>
/// <param name="limit">For 429: the limit that was hit.</param>
/// <param name="retryAfter">From the <c>Retry-After</c> header (or <c>retry_after_seconds</c>).</param>
public class OrleansBotsApiException(HttpStatusCode statusCode, string error, string? limit, TimeSpan? retryAfter)
    : Exception($"{(int)statusCode} {statusCode}: {error}")
{
    /// <summary>The HTTP status of the refusal.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The server's message, which names the problem (the field, the limit, the missing thing).</summary>
    public string Error { get; } = error;

    /// <summary>For 429: the limit that was hit, e.g. <c>max_bots_per_user</c>.</summary>
    public string? Limit { get; } = limit;

    /// <summary>When trying again may succeed, when the platform said so.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>
    /// The exception, typed by what it says, for a refusal the platform answered with <paramref name="statusCode"/> and
    /// <paramref name="error"/>: the same whether it came over HTTP or through the cluster client.
    /// </summary>
    /// <param name="statusCode">The refusal's HTTP status.</param>
    /// <param name="error">The refusal's body.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> header, when there was one; else the body's <c>retry_after_seconds</c> counts.</param>
    /// <returns>A <see cref="PlatformFullException"/>, <see cref="LimitExceededException"/>, <see cref="NotFoundException"/>,
    /// <see cref="RequestValidationException"/> or, for any other refusal, an <see cref="OrleansBotsApiException"/>.</returns>
    public static OrleansBotsApiException FromRefusal(HttpStatusCode statusCode, ErrorResponse error, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Error;
        retryAfter ??= error.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        return statusCode switch
        {
            HttpStatusCode.ServiceUnavailable when error is { CurrentBots: { } current, MaxBots: { } max } => new PlatformFullException(message, current, max, retryAfter),
            HttpStatusCode.TooManyRequests when error.Limit is { } limit => new LimitExceededException(message, limit, retryAfter),
            HttpStatusCode.NotFound => new NotFoundException(message),
            HttpStatusCode.BadRequest => new RequestValidationException(message, error.Field),
            _ => new OrleansBotsApiException(statusCode, message, error.Limit, retryAfter),
        };
    }
}
