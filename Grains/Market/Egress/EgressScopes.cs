using System.Globalization;

namespace OrleansBots.Market.Egress;

/// <summary>
/// Egress scopes with a limit of their own, written into the scope itself (<c>endpoint:host:port|4/1000ms</c>: 4
/// requests per second) so that whichever silo activates the scope's <see cref="RateLimiterGrain"/>, now or after a
/// crash, builds the same budget without being told. Scopes without a limit use the configured <see cref="EgressOptions"/>.
/// </summary>
public static class EgressScopes
{
    private const char Separator = '|';

    /// <summary>The scope of <paramref name="scope"/> limited to <paramref name="requestsPerSecond"/> (below 1: one request per 1/rate seconds).</summary>
    public static string WithRate(string scope, double requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        var (budget, window) = requestsPerSecond >= 1
            ? ((int)Math.Round(requestsPerSecond), TimeSpan.FromSeconds(1))
            : (1, TimeSpan.FromSeconds(1 / requestsPerSecond));
        return $"{scope}{Separator}{budget}/{(long)window.TotalMilliseconds}ms";
    }

    /// <summary>The options of the grain of <paramref name="scope"/>: <paramref name="configured"/>, or a copy with the scope's own budget and window.</summary>
    public static EgressOptions OptionsFor(string scope, EgressOptions configured)
    {
        var separator = scope.LastIndexOf(Separator);
        if (separator < 0)
        {
            return configured;
        }

        var limit = scope[(separator + 1)..].TrimEnd('s').TrimEnd('m').Split('/');
        if (limit.Length != 2
            || !int.TryParse(limit[0], NumberStyles.None, CultureInfo.InvariantCulture, out var budget)
            || !long.TryParse(limit[1], NumberStyles.None, CultureInfo.InvariantCulture, out var windowMs)
            || budget < 1 || windowMs < 1)
        {
            throw new ArgumentException($"Egress scope '{scope}' has a malformed limit (expected '|N/Mms')", nameof(scope));
        }

        return new EgressOptions
        {
            Budget = budget,
            Window = TimeSpan.FromMilliseconds(windowMs),
            DecreaseFactor = configured.DecreaseFactor,
            IncreaseStep = Math.Max(1, budget / 10),
            MinLimitFraction = configured.MinLimitFraction,
            BackoffBase = configured.BackoffBase,
            BackoffMax = configured.BackoffMax,
            Jitter = configured.Jitter,
            FailuresToOpen = configured.FailuresToOpen,
            BanWithoutRetryAfter = configured.BanWithoutRetryAfter,
            LeaseFraction = configured.LeaseFraction,
            LeaseDuration = configured.LeaseDuration,
        };
    }
}
