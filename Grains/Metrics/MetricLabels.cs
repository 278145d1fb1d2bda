using System.Text.Json;

namespace OrleansBots.Metrics;

/// <summary>Reads the canonical labels JSON of an aggregate (<c>{"operation":"bot_tick"}</c>).</summary>
public static class MetricLabels
{
    public static IReadOnlyDictionary<string, string> Parse(string labels)
    {
        if (string.IsNullOrEmpty(labels) || labels == "{}")
        {
            return new Dictionary<string, string>();
        }

        return JsonSerializer.Deserialize<Dictionary<string, string>>(labels) ?? [];
    }

    /// <summary>True when every filter label is present with that value.</summary>
    public static bool Match(string labels, IReadOnlyDictionary<string, string>? filter)
    {
        if (filter is null || filter.Count == 0)
        {
            return true;
        }

        var parsed = Parse(labels);
        return filter.All(pair => parsed.TryGetValue(pair.Key, out var value) && value == pair.Value);
    }

    /// <summary>The canonical form: keys sorted ordinally.</summary>
    public static string Canonical(IReadOnlyDictionary<string, string> labels) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(labels.ToDictionary(), StringComparer.Ordinal));
}
