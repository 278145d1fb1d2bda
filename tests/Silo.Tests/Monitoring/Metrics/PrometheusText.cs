using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Silo.Tests.Monitoring.Metrics;

/// <summary>
/// A strict reader of the Prometheus text exposition format (0.0.4): every sample line is
/// <c>name{label="value",...} value [timestamp]</c>, HELP and TYPE appear at most once per family and before its
/// samples, a family's lines form one group, histograms have cumulative buckets ending in <c>le="+Inf"</c> equal
/// to their <c>_count</c>, and no series appears twice. Anything else throws <see cref="FormatException"/>.
/// </summary>
public sealed partial class PrometheusText
{
    private PrometheusText(Dictionary<string, Family> families) => Families = families;

    public IReadOnlyDictionary<string, Family> Families { get; }

    public static PrometheusText Parse(string text)
    {
        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        var closed = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                if (line.StartsWith('#'))
                {
                    var meta = MetaLine().Match(line);
                    if (!meta.Success)
                    {
                        continue;
                    }

                    var (kind, name, rest) = (meta.Groups[1].Value, meta.Groups[2].Value, meta.Groups[3].Value);
                    var family = FamilyOf(families, name);
                    Switch(ref current, name, closed);
                    if (family.Samples.Count > 0)
                    {
                        throw new FormatException($"{kind} of {name} after its samples");
                    }

                    if (kind == "TYPE")
                    {
                        if (family.Type is not null || rest is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                        {
                            throw new FormatException($"second or unknown TYPE for {name}: '{rest}'");
                        }

                        family.Type = rest;
                    }
                    else
                    {
                        if (family.Help is not null)
                        {
                            throw new FormatException($"second HELP for {name}");
                        }

                        family.Help = rest;
                    }

                    continue;
                }

                var sample = ParseSample(line);
                var owner = families.Values.FirstOrDefault(f => f.Owns(sample.Name))
                    ?? throw new FormatException($"sample {sample.Name} has no TYPE line before it");
                Switch(ref current, owner.Name, closed);
                if (!seen.Add(sample.Name + Key(sample.Labels)))
                {
                    throw new FormatException($"series {sample.Name}{Key(sample.Labels)} appears twice");
                }

                owner.Samples.Add(sample);
            }
            catch (FormatException error)
            {
                throw new FormatException($"line {number}: {error.Message}: {line}", error);
            }
            catch (IndexOutOfRangeException error)
            {
                throw new FormatException($"line {number} ends too early: {line}", error);
            }
        }

        foreach (var family in families.Values)
        {
            family.Check();
        }

        return new PrometheusText(families);
    }

    /// <summary>The family a sample name belongs to, whatever its suffix (<c>_bucket</c>, <c>_sum</c>, <c>_count</c>).</summary>
    public Family? FamilyStartingWith(string name) =>
        Families.TryGetValue(name, out var exact) ? exact : Families.Values.FirstOrDefault(f => f.Name.StartsWith(name + "_", StringComparison.Ordinal));

    private static Family FamilyOf(Dictionary<string, Family> families, string name)
    {
        if (!families.TryGetValue(name, out var family))
        {
            family = new Family(name);
            families[name] = family;
        }

        return family;
    }

    private static void Switch(ref string? current, string name, HashSet<string> closed)
    {
        if (current == name)
        {
            return;
        }

        if (closed.Contains(name))
        {
            throw new FormatException($"the lines of {name} are not one group");
        }

        if (current is not null)
        {
            closed.Add(current);
        }

        current = name;
    }

    private static Sample ParseSample(string line)
    {
        var name = MetricName().Match(line);
        if (!name.Success)
        {
            throw new FormatException("no metric name");
        }

        var position = name.Length;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var label = LabelName().Match(line, position);
                if (!label.Success || label.Index != position || line[position + label.Length] != '=' || line[position + label.Length + 1] != '"')
                {
                    throw new FormatException($"bad label at column {position}");
                }

                position += label.Length + 2;
                var value = new StringBuilder();
                while (line[position] != '"')
                {
                    if (line[position] == '\\')
                    {
                        position++;
                        value.Append(line[position] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw new FormatException($"bad escape \\{other}"),
                        });
                    }
                    else
                    {
                        value.Append(line[position]);
                    }

                    position++;
                }

                if (!labels.TryAdd(label.Value, value.ToString()))
                {
                    throw new FormatException($"label {label.Value} twice");
                }

                position++;
                if (line[position] == ',')
                {
                    position++;
                }
                else if (line[position] != '}')
                {
                    throw new FormatException($"expected ',' or '}}' at column {position}");
                }
            }

            position++;
        }

        var fields = line[position..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (line.Length == position || line[position] != ' ' || fields.Length is < 1 or > 2)
        {
            throw new FormatException("expected ' value [timestamp]' after the name and labels");
        }

        if (fields.Length == 2 && !long.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"bad timestamp '{fields[1]}'");
        }

        return new Sample(name.Value, labels, Value(fields[0]));
    }

    private static double Value(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new FormatException($"bad value '{text}'"),
    };

    private static string Key(IReadOnlyDictionary<string, string> labels) =>
        "{" + string.Join(",", labels.Select(l => $"{l.Key}={l.Value}")) + "}";

    [GeneratedRegex(@"^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$")]
    private static partial Regex MetaLine();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public sealed class Family(string name)
    {
        public string Name { get; } = name;

        public string? Type { get; set; }

        public string? Help { get; set; }

        public List<Sample> Samples { get; } = [];

        public bool Owns(string sample) =>
            sample == Name || (Type is "histogram" or "summary" && (sample == Name + "_sum" || sample == Name + "_count" || sample == Name + "_bucket"));

        public void Check()
        {
            if (Type is null)
            {
                throw new FormatException($"{Name} has HELP but no TYPE");
            }

            if (Type == "counter" && Samples.Any(s => s.Value < 0 || double.IsNaN(s.Value)))
            {
                throw new FormatException($"counter {Name} has a negative value");
            }

            if (Type != "histogram")
            {
                return;
            }

            foreach (var series in Samples.GroupBy(s => Key(new SortedDictionary<string, string>(s.Labels.Where(l => l.Key != "le").ToDictionary()))))
            {
                var buckets = series.Where(s => s.Name == Name + "_bucket").ToList();
                var count = series.SingleOrDefault(s => s.Name == Name + "_count") ?? throw new FormatException($"histogram {Name}{series.Key} has no _count");
                _ = series.SingleOrDefault(s => s.Name == Name + "_sum") ?? throw new FormatException($"histogram {Name}{series.Key} has no _sum");
                if (buckets.Count == 0 || buckets[^1].Labels.GetValueOrDefault("le") != "+Inf" || buckets[^1].Value != count.Value)
                {
                    throw new FormatException($"histogram {Name}{series.Key} must end with le=\"+Inf\" equal to its _count");
                }

                var bounds = buckets.Select(b => Value(b.Labels["le"])).ToList();
                for (var i = 1; i < buckets.Count; i++)
                {
                    if (bounds[i] <= bounds[i - 1] || buckets[i].Value < buckets[i - 1].Value)
                    {
                        throw new FormatException($"histogram {Name}{series.Key}: buckets must grow in bound and count");
                    }
                }
            }
        }
    }
}
