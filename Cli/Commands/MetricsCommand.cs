using System.CommandLine;
using Spectre.Console;

namespace OrleansBots.Cli.Commands;

/// <summary><c>metrics export</c>: stored metrics as CSV or JSON, to stdout or a file.</summary>
public static class MetricsCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var name = new Option<string?>("--name") { Description = "One metric (default: every metric of the window)" };
        var minutes = new Option<int>("--minutes") { Description = "The window: the last N minutes", DefaultValueFactory = _ => 60 };
        var file = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of stdout" };
        var export = new Command("export", "Export stored metrics (admin token)") { format, name, minutes, file };
        export.Run(async (platform, output, parse, ct) =>
        {
            var to = DateTimeOffset.UtcNow;
            var text = await platform.Admin.ExportMetricsAsync(
                output.Json ? "json" : parse.GetValue(format)!, parse.GetValue(name), to.AddMinutes(-parse.GetValue(minutes)), to, cancellationToken: ct);
            if (parse.GetValue(file) is { } target)
            {
                await File.WriteAllTextAsync(target.FullName, text, ct);
                if (!output.Json)
                {
                    AnsiConsole.MarkupLine($"Wrote {text.Length} characters to {Markup.Escape(target.FullName)}");
                }
            }
            else
            {
                Console.Out.Write(text);
            }
        });
        return new Command("metrics", "Stored metrics") { export };
    }
}
