using System.Globalization;

namespace OrleansBots.Silo.Configuration;

/// <summary>
/// The monitoring settings under the seed platform's flat names (<c>METRICS_RETENTION_DAYS</c>,
/// <c>COOLDOWN_PERIOD</c>, <c>AUTO_ADAPT</c>, ...), as environment variables or top-level appsettings keys.
/// A flat name that is set wins over its sectioned setting (appsettings.json carries the sectioned defaults).
/// </summary>
public static class SettingAliases
{
    private static readonly (string Alias, string Key)[] Plain =
    [
        ("METRICS_RETENTION_DAYS", "Metrics:RetentionDays"),
        ("AUTO_ADAPT", "Hardware:AutoAdapt"),
        ("LOW_RESOURCE_MODE", "Hardware:LowResourceMode"),
        ("CPU_TARGET_USAGE", "Hardware:CpuTargetUsage"),
        ("MEMORY_TARGET_USAGE", "Hardware:MemoryTargetUsage"),
    ];

    private const string CooldownAlias = "COOLDOWN_PERIOD";
    private const string CooldownKey = "Alerts:CooldownPeriod";

    /// <summary>Adds the aliased values to <paramref name="configuration"/>; answers what could not be read.</summary>
    public static IReadOnlyList<string> Apply(IConfigurationManager configuration)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var (alias, key) in Plain)
        {
            if (configuration[alias] is { Length: > 0 } value)
            {
                values[key] = value;
            }
        }

        // The seed counted the cooldown in seconds; the sectioned setting is a time span.
        if (configuration[CooldownAlias] is { Length: > 0 } cooldown)
        {
            if (double.TryParse(cooldown, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= 86_400)
            {
                values[CooldownKey] = TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture);
            }
            else
            {
                problems.Add($"{CooldownAlias} must be a number of seconds from 0 to 86400 (got '{cooldown}')");
            }
        }

        if (values.Count > 0)
        {
            configuration.AddInMemoryCollection(values);
        }

        return problems;
    }
}
