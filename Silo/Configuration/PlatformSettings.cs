using System.Globalization;
using OrleansBots.Capacity;

namespace OrleansBots.Silo.Configuration;

/// <summary>
/// The seed platform's settings (MAX_CONCURRENT_BOTS, ...), read from configuration by their exact names and
/// checked before the silo starts, so a bad value stops the start with a message naming the setting.
/// </summary>
public sealed record PlatformSettings(PlatformLimits Limits, int WebsocketReconnectSeconds, int MaxTokensPerMinute)
{
    private static readonly (string Name, int Default, int Min, int Max)[] Rules =
    [
        ("MAX_CONCURRENT_BOTS", 200, 1, LimitRules.MaxBotsCeiling),
        ("MAX_BOTS_PER_USER", 1, 1, LimitRules.MaxBotsCeiling),
        ("MAX_TRADES_PER_DAY", 500, 1, 10_000_000),
        ("ALERT_THRESHOLD", 80, 1, 100),
        ("WEBSOCKET_RECONNECT", 5, 1, 3600),
        ("MAX_TOKENS_PER_MINUTE", 1000, 1, 100_000_000),
        ("MAX_SIGNALS_PER_MINUTE", 100, 1, 1_000_000),
    ];

    /// <summary>Reads every setting; returns the settings or the list of problems, one per bad setting.</summary>
    public static (PlatformSettings? Settings, IReadOnlyList<string> Problems) Read(IConfiguration configuration)
    {
        var problems = new List<string>();
        var values = new Dictionary<string, int>();
        foreach (var (name, fallback, min, max) in Rules)
        {
            var raw = configuration[name];
            if (string.IsNullOrWhiteSpace(raw))
            {
                values[name] = fallback;
                continue;
            }

            if (!int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                problems.Add($"{name} must be a whole number between {min} and {max} (got '{raw}')");
                continue;
            }

            var outOfRange = LimitRules.CheckRange(name, value, min, max);
            if (outOfRange is not null)
            {
                problems.Add(outOfRange);
                continue;
            }

            values[name] = value;
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var limits = new PlatformLimits(
            values["MAX_CONCURRENT_BOTS"],
            values["MAX_BOTS_PER_USER"],
            values["MAX_TRADES_PER_DAY"],
            values["ALERT_THRESHOLD"],
            values["MAX_SIGNALS_PER_MINUTE"]);
        return (new PlatformSettings(limits, values["WEBSOCKET_RECONNECT"], values["MAX_TOKENS_PER_MINUTE"]), problems);
    }
}
