using System.Globalization;
using System.Text.Json;

namespace OrleansBots.Monitoring.Measuring;

/// <summary>
/// The labels of one series, sorted by key (ordinal), with their canonical JSON (<c>{"a":"x","b":"y"}</c>, <c>{}</c>
/// when none). Built once per series; measurements find their series by their raw tag span without building one
/// (<see cref="Comparer"/>), so recording allocates nothing once a series exists.
/// </summary>
public sealed class LabelSet
{
    public static readonly LabelSet Empty = new([]);

    private readonly KeyValuePair<string, string>[] _labels;
    private readonly int _hash;

    private LabelSet(KeyValuePair<string, string>[] sorted)
    {
        _labels = sorted;
        Json = ToJson(sorted);
        var hash = 0;
        foreach (var (key, value) in sorted)
        {
            hash += PairHash(key, value);
        }

        _hash = hash;
    }

    /// <summary>The canonical JSON object of the labels.</summary>
    public string Json { get; }

    public int Count => _labels.Length;

    public IReadOnlyList<KeyValuePair<string, string>> Labels => _labels;

    public static LabelSet Of(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return Empty;
        }

        // The last of repeated keys wins, as in a dictionary.
        var labels = new Dictionary<string, string>(tags.Length, StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            labels[key] = Text(value);
        }

        var sorted = labels.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new LabelSet(sorted);
    }

    /// <summary>The label set of named values (a query's filter, a stored row's labels).</summary>
    public static LabelSet Of(IReadOnlyDictionary<string, string> labels)
    {
        if (labels.Count == 0)
        {
            return Empty;
        }

        var sorted = labels.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new LabelSet(sorted);
    }

    /// <summary>A label value as text: strings as they are, numbers in the invariant culture, booleans as <c>true</c>/<c>false</c>.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static int PairHash(string key, string value) =>
        HashCode.Combine(string.GetHashCode(key, StringComparison.Ordinal), string.GetHashCode(value, StringComparison.Ordinal));

    private static string ToJson(KeyValuePair<string, string>[] sorted)
    {
        if (sorted.Length == 0)
        {
            return "{}";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in sorted)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Equality of label sets, and of a raw tag span with a label set (order of the tags does not matter).</summary>
    public sealed class Comparer : IEqualityComparer<LabelSet>, IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, LabelSet>
    {
        public static readonly Comparer Instance = new();

        public bool Equals(LabelSet? x, LabelSet? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x._hash == y._hash && x.Json == y.Json);

        public int GetHashCode(LabelSet obj) => obj._hash;

        public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, LabelSet other)
        {
            if (alternate.Length != other._labels.Length)
            {
                return false;
            }

            foreach (var (key, value) in alternate)
            {
                if (!other.Has(key, value))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate)
        {
            var hash = 0;
            foreach (var (key, value) in alternate)
            {
                hash += PairHash(key, value as string ?? Text(value));
            }

            return hash;
        }

        public LabelSet Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => Of(alternate);
    }

    private bool Has(string key, object? value)
    {
        foreach (var (k, v) in _labels)
        {
            if (string.Equals(k, key, StringComparison.Ordinal))
            {
                return value is string text ? string.Equals(v, text, StringComparison.Ordinal) : string.Equals(v, Text(value), StringComparison.Ordinal);
            }
        }

        return false;
    }
}
