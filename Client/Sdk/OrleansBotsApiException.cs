using System.Net;

namespace OrleansBots.Client;

/// <summary>The platform refused a request; carries its status code, message and retry hint.</summary>
public sealed class OrleansBotsApiException(HttpStatusCode statusCode, string error, string? limit, TimeSpan? retryAfter)
    : Exception($"{(int)statusCode} {statusCode}: {error}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public string Error { get; } = error;

    /// <summary>For 429: the limit that was hit, e.g. <c>max_bots_per_user</c>.</summary>
    public string? Limit { get; } = limit;

    /// <summary>From the Retry-After header, when the platform sent one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
