using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace OrleansBots.Client;

/// <summary>
/// When the registered clients try a request again. A refusal that says the platform did nothing and when to come back
/// (429 or 503 with <c>Retry-After</c>) is retried after that wait, whatever the method, as long as the wait is at most
/// <see cref="OrleansBotsClientOptions.MaxRetryDelay"/> (a full platform's minute is left to the caller, as
/// <see cref="PlatformFullException"/>). A failure that may have happened after the platform acted (a dropped
/// connection, a timeout, 500/502/504) is retried only for idempotent methods: a POST is never sent twice blindly.
/// </summary>
internal static class ClientRetry
{
    public static HttpRetryStrategyOptions Strategy(OrleansBotsClientOptions options) => new()
    {
        MaxRetryAttempts = Math.Max(1, options.MaxRetries),
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromMilliseconds(500),
        ShouldRetryAfterHeader = true,
        ShouldHandle = args => ValueTask.FromResult(
            options.MaxRetries > 0 && ShouldRetry(args.Outcome, args.Outcome.Result?.RequestMessage?.Method ?? args.Context.GetRequestMessage()?.Method, options.MaxRetryDelay)),
    };

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod? method, TimeSpan maxRetryDelay)
    {
        if (outcome.Result is { } response)
        {
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable =>
                    ApiConnection.RetryAfterOf(response) is { } wait && wait <= maxRetryDelay,
                HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout =>
                    IsIdempotent(method),
                _ => false,
            };
        }

        return outcome.Exception is HttpRequestException or TimeoutRejectedException && IsIdempotent(method);
    }

    private static bool IsIdempotent(HttpMethod? method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put || method == HttpMethod.Delete;
}
