using System.Text.Json;

namespace OrleansBots.Monitoring.Measuring;

/// <summary>Reads the canonical labels JSON of an aggregate (<c>{"operation":"bot_tick"}</c>).</summary>
public static class MetricLabels
{
    /// <summary>One label's value, or null when absent (or the labels are not a JSON object).</summary>
    public static string? Get(string labels, string name)
    {
        if (labels.Length <= 2)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(labels);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

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

    /// <summary>The canonical form (<see cref="LabelSet.Json"/>): keys sorted ordinally.</summary>
    public static string Canonical(IReadOnlyDictionary<string, string> labels) => LabelSet.Of(labels).Json;
}
