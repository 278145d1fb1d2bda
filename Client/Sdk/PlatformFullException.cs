using System.Net;

namespace OrleansBots.Client;

/// <summary>503 on a start: the platform runs <see cref="CurrentBots"/> of <see cref="MaxBots"/> bots and starts no more until a slot frees.</summary>
/// <param name="error">The server's message, e.g. <c>Server full (200/200 bots active). Try again in a few minutes.</c></param>
/// <param name="currentBots">Running bots when the start was refused.</param>
/// <param name="maxBots">The platform's <c>MAX_CONCURRENT_BOTS</c>.</param>
/// <param name="retryAfter">When trying again may succeed.</param>
public sealed class PlatformFullException(string error, int currentBots, int maxBots, TimeSpan? retryAfter)
    : OrleansBotsApiException(HttpStatusCode.ServiceUnavailable, error, null, retryAfter)
{
    /// <summary>Running bots when the start was refused.</summary>
    public int CurrentBots { get; } = currentBots;

    /// <summary>The platform's <c>MAX_CONCURRENT_BOTS</c>.</summary>
    public int MaxBots { get; } = maxBots;
}
