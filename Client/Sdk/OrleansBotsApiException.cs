using System.Net;

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
}
