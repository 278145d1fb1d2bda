using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansBots.Benchmarks;

/// <summary>One benchmark: a name and how to run it.</summary>
public interface IBenchmark
{
    string Name { get; }

    Task<Report> RunAsync(bool quick);
}

/// <summary>
/// The rows a benchmark produced, each an ordered list of named values. Printed as an aligned table and
/// written as <c>{"benchmark": NAME, "rows": [...]}</c>.
/// </summary>
public sealed class Report(string benchmark, IReadOnlyList<string> columns)
{
    private readonly List<object?[]> _rows = [];

    public string Benchmark { get; } = benchmark;

    public IReadOnlyList<string> Columns { get; } = columns;

    public List<string> Notes { get; } = [];

    public void Add(params object?[] values)
    {
        if (values.Length != Columns.Count)
        {
            throw new ArgumentException($"{values.Length} values for {Columns.Count} columns", nameof(values));
        }

        _rows.Add(values);
    }

    public void Print(TextWriter output)
    {
        var cells = _rows.Select(row => row.Select(Format).ToArray()).ToList();
        var widths = Columns.Select((column, i) => cells.Select(row => row[i].Length).Prepend(column.Length).Max()).ToArray();
        output.WriteLine(string.Join("  ", Columns.Select((column, i) => column.PadLeft(widths[i]))));
        output.WriteLine(string.Join("  ", widths.Select(width => new string('-', width))));
        foreach (var row in cells)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadLeft(widths[i]))));
        }

        foreach (var note in Notes)
        {
            output.WriteLine($"note: {note}");
        }
    }

    public async Task WriteJsonAsync(string path)
    {
        var rows = new JsonArray();
        foreach (var row in _rows)
        {
            var item = new JsonObject();
            for (var i = 0; i < Columns.Count; i++)
            {
                item[Columns[i]] = JsonValue(row[i]);
            }

            rows.Add(item);
        }

        var document = new JsonObject { ["benchmark"] = Benchmark, ["rows"] = rows, ["notes"] = new JsonArray([.. Notes.Select(n => (JsonNode?)n)]) };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static JsonNode? JsonValue(object? value) => value switch
    {
        null => null,
        double d when double.IsNaN(d) => null,
        double d => System.Text.Json.Nodes.JsonValue.Create(Math.Round(d, 6)),
        int i => System.Text.Json.Nodes.JsonValue.Create(i),
        long l => System.Text.Json.Nodes.JsonValue.Create(l),
        string s => System.Text.Json.Nodes.JsonValue.Create(s),
        _ => System.Text.Json.Nodes.JsonValue.Create(value.ToString()),
    };

    private static string Format(object? value) => value switch
    {
        null => "-",
        double d when double.IsNaN(d) => "-",
        double d when Math.Abs(d) >= 1000 => d.ToString("N0", CultureInfo.InvariantCulture),
        double d when Math.Abs(d) >= 1 => d.ToString("0.###", CultureInfo.InvariantCulture),
        double d => d.ToString("0.#####", CultureInfo.InvariantCulture),
        int or long => string.Format(CultureInfo.InvariantCulture, "{0:N0}", value),
        _ => value.ToString() ?? "",
    };
}
