using System.Globalization;
using OrleansBots.Capacity;

namespace OrleansBots.Silo.Configuration;

/// <summary>
/// The seed platform's settings (MAX_CONCURRENT_BOTS, ...), read from configuration by their exact names and
/// checked before the silo starts, so a bad value stops the start with a message naming the setting.
/// The limits' ranges are <see cref="LimitRules"/>, the same the admin API enforces.
/// </summary>
public sealed record PlatformSettings(PlatformLimits Limits, int WebsocketReconnectSeconds, int MaxTokensPerMinute)
{
    private static readonly LimitRange WebsocketReconnect = new("WEBSOCKET_RECONNECT", 1, 3600);

    private static readonly LimitRange MaxTokensPerMinuteRange = new("MAX_TOKENS_PER_MINUTE", 1, 100_000_000);

    /// <summary>Reads every setting; returns the settings or the list of problems, one per bad setting.</summary>
    public static (PlatformSettings? Settings, IReadOnlyList<string> Problems) Read(IConfiguration configuration)
    {
        var problems = new List<string>();
        var defaults = PlatformLimits.Defaults;
        int Value(LimitRange range, int fallback)
        {
            var raw = configuration[range.Name];
            if (string.IsNullOrWhiteSpace(raw))
            {
                return fallback;
            }

            if (!int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                problems.Add(range.NotANumber(raw));
                return fallback;
            }

            if (range.Check(value) is { } outOfRange)
            {
                problems.Add(outOfRange);
            }

            return value;
        }

        var limits = new PlatformLimits(
            Value(LimitRules.MaxConcurrentBots, defaults.MaxConcurrentBots),
            Value(LimitRules.MaxBotsPerUser, defaults.MaxBotsPerUser),
            Value(LimitRules.MaxTradesPerDay, defaults.MaxTradesPerDay),
            Value(LimitRules.AlertThreshold, defaults.AlertThreshold),
            Value(LimitRules.MaxSignalsPerMinute, defaults.MaxSignalsPerMinute));
        var settings = new PlatformSettings(limits, Value(WebsocketReconnect, 5), Value(MaxTokensPerMinuteRange, 1000));
        return problems.Count > 0 ? (null, problems) : (settings, problems);
    }
}
