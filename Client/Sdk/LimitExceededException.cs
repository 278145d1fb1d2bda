using System.Net;

namespace OrleansBots.Client;

/// <summary>429: one of the caller's own limits was hit (<see cref="OrleansBotsApiException.Limit"/> names it, e.g.
/// <c>max_bots_per_user</c>, <c>bot_actions_per_hour</c>, <c>max_signals_per_minute</c>).</summary>
/// <param name="error">The server's message.</param>
/// <param name="limit">The limit that was hit.</param>
/// <param name="retryAfter">When trying again may succeed.</param>
public sealed class LimitExceededException(string error, string limit, TimeSpan? retryAfter)
    : OrleansBotsApiException(HttpStatusCode.TooManyRequests, error, limit, retryAfter);
