using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansBots.Cli;

/// <summary>
/// Where a command's answer goes: with <c>--json</c>, the API's JSON (snake_case, as the server sends it) on stdout and
/// nothing else; otherwise tables and lines for people. Errors go to stderr either way.
/// </summary>
public sealed class Output(ParseResult parse)
{
    public static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    private static readonly JsonSerializerOptions ApiJsonLines = new(ApiJson) { WriteIndented = false };

    public bool Json { get; } = parse.GetValue(GlobalOptions.Json);

    /// <summary>The JSON of <paramref name="value"/> with --json, else what <paramref name="human"/> renders.</summary>
    public void Show<T>(T value, Func<T, IRenderable> human)
    {
        if (Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(value, ApiJson));
        }
        else
        {
            AnsiConsole.Write(human(value));
        }
    }

    /// <summary>One JSON object per line with --json (for streams and bulk work), else the rendered line.</summary>
    public void Line<T>(T value, Func<T, string> human)
    {
        if (Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(value, ApiJsonLines));
        }
        else
        {
            AnsiConsole.MarkupLine(human(value));
        }
    }

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(column));
        }

        return table;
    }

    /// <summary>A two-column table of names and values.</summary>
    public static Table Pairs(params (string Name, object? Value)[] pairs)
    {
        var table = Table("", "").HideHeaders();
        foreach (var (name, value) in pairs)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(Format(value)));
        }

        return table;
    }

    public static string Format(object? value) => value switch
    {
        null => "-",
        DateTimeOffset at => at.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        double d => d.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable<string> items => string.Join(", ", items),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "-",
    };

    /// <summary>The colour of a capacity status: LOW cyan, HEALTHY green, WARNING yellow, FULL red.</summary>
    public static Color StatusColour(string status) => status switch
    {
        "LOW" => Color.Aqua,
        "HEALTHY" => Color.Green,
        "WARNING" => Color.Yellow,
        _ => Color.Red,
    };
}
