using System.Globalization;
using System.Text.RegularExpressions;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;

namespace OrleansBots.Silo.Api;

/// <summary>
/// Reads the query string of the metrics endpoints: <c>name</c>, <c>from</c>/<c>to</c> (ISO-8601 or Unix seconds;
/// default the last hour), <c>step</c> (<c>10s</c>, <c>1m</c>, <c>1h</c>, <c>1d</c> or seconds; default 1m),
/// <c>silo</c>, <c>label.KEY=VALUE</c>. A bad or unknown parameter is an error naming it.
/// </summary>
public static partial class MetricRequest
{
    /// <summary>Points one series may have at most: (to - from) / step.</summary>
    public const int MaxPoints = 10_000;

    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultStep = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    /// <summary>
    /// Times outside these bounds are refused: series arithmetic adds steps and ranges to them, which must not leave
    /// the range of <see cref="DateTimeOffset"/>.
    /// </summary>
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;
    public static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Reads a series request; with <paramref name="allNames"/> a missing name means every metric (Name is empty).</summary>
    public static (MetricQuery? Query, string? Error) ReadQuery(IQueryCollection query, DateTimeOffset now, TimeSpan defaultStep, bool allNames, params string[] extra)
    {
        if (Unknown(query, ["name", "from", "to", "step", "silo", .. extra]) is { } unknown)
        {
            return (null, unknown);
        }

        var name = query["name"].ToString();
        if (name.Length == 0 && !allNames)
        {
            return (null, "name is required (e.g. name=operation_execution_time)");
        }

        if (name.Length > 0 && !NamePattern().IsMatch(name))
        {
            return (null, $"name must be a metric name of letters, digits, '_' or '.' (up to 200; got '{Shorten(name)}')");
        }

        var to = now;
        if (query.ContainsKey("to") && !TryParseTime(query["to"].ToString(), out to))
        {
            return (null, $"to must be an ISO-8601 time or Unix seconds between 1970 and 9000 (got '{Shorten(query["to"].ToString())}')");
        }

        var from = to > Earliest + DefaultRange ? to - DefaultRange : Earliest;
        if (query.ContainsKey("from") && !TryParseTime(query["from"].ToString(), out from))
        {
            return (null, $"from must be an ISO-8601 time or Unix seconds between 1970 and 9000 (got '{Shorten(query["from"].ToString())}')");
        }

        if (from >= to)
        {
            return (null, "from must be before to");
        }

        if (to - from > MaxRange)
        {
            return (null, $"from and to may be at most {MaxRange.TotalDays} days apart");
        }

        var step = defaultStep;
        if (query.ContainsKey("step") && !TryParseDuration(query["step"].ToString(), out step))
        {
            return (null, $"step must be a duration like 10s, 1m, 1h or 1d, at least 1s (got '{Shorten(query["step"].ToString())}')");
        }

        if ((to - from) / step > MaxPoints)
        {
            return (null, $"step is too small for the range: at most {MaxPoints} points per series (range {(to - from).TotalSeconds} s, step {step.TotalSeconds} s)");
        }

        string? silo = null;
        if (query.ContainsKey("silo"))
        {
            silo = query["silo"].ToString();
            if (silo.Length is 0 or > 200)
            {
                return (null, "silo must be a silo name (1 to 200 characters)");
            }
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in query.Where(pair => pair.Key.StartsWith("label.", StringComparison.Ordinal)))
        {
            var label = key["label.".Length..];
            if (!NamePattern().IsMatch(label) || values.Count != 1 || values[0] is not { Length: > 0 and <= 200 })
            {
                return (null, $"{key} must be one non-empty value of a label named with letters, digits, '_' or '.'");
            }

            labels[label] = values[0]!;
        }

        return (new MetricQuery(name, from, to, step, silo, labels.Count > 0 ? labels : null), null);
    }

    /// <summary>Names the first parameter that is not one of <paramref name="known"/> (labels aside).</summary>
    public static string? Unknown(IQueryCollection query, IReadOnlyCollection<string> known)
    {
        var unknown = query.Keys.FirstOrDefault(key => !known.Contains(key) && !key.StartsWith("label.", StringComparison.Ordinal));
        return unknown is null ? null : $"Unknown query parameter '{Shorten(unknown)}' (known: {string.Join(", ", known)}, label.KEY)";
    }

    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (double.IsFinite(seconds) && seconds >= 0 && seconds < (Latest - Earliest).TotalSeconds)
            {
                time = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
                return true;
            }

            time = default;
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
            && text.Length >= 10
            && time >= Earliest && time <= Latest;
    }

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var match = DurationPattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        var seconds = amount * match.Groups[2].Value switch
        {
            "ms" => 0.001,
            "m" => 60,
            "h" => 3600,
            "d" => 86_400,
            _ => 1,
        };
        if (!double.IsFinite(seconds) || seconds < 1 || seconds > MaxRange.TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.]{0,199}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h|d)?$")]
    private static partial Regex DurationPattern();
}
