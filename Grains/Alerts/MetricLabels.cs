using System.Text.Json;

namespace OrleansBots.Alerts;

/// <summary>Reads one label out of an aggregate's canonical labels object (<c>{"operation":"bot_tick"}</c>).</summary>
public static class MetricLabels
{
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
}
