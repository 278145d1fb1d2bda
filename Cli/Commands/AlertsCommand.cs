using System.CommandLine;
using Spectre.Console;

namespace OrleansBots.Cli.Commands;

/// <summary><c>alerts [--watch]</c>: the recent alerts, or new ones live.</summary>
public static class AlertsCommand
{
    public static Command Create()
    {
        var watch = new Option<bool>("--watch", "-w") { Description = "Print alerts as they fire until Ctrl-C" };
        var command = new Command("alerts", "Recent alerts, newest first (admin token)") { watch };
        command.Run(async (platform, output, parse, ct) =>
        {
            if (parse.GetValue(watch))
            {
                await foreach (var e in platform.Admin.WatchPlatformAsync(ct).Where(e => e.Alert is not null))
                {
                    output.Line(e.Alert!, a => $"{Output.Format(a.At)} [{Colour(a.Severity)}]{Markup.Escape(a.Severity)}[/] {Markup.Escape(a.Rule)} on {Markup.Escape(a.Scope)}: {Markup.Escape(a.Message)}");
                }

                return;
            }

            var alerts = await platform.Admin.GetAlertsAsync(ct);
            output.Show(alerts, list =>
            {
                var table = Output.Table("at", "severity", "rule", "scope", "silo", "message");
                foreach (var a in list)
                {
                    table.AddRow(Output.Format(a.At), $"[{Colour(a.Severity)}]{Markup.Escape(a.Severity)}[/]", Markup.Escape(a.Rule), Markup.Escape(a.Scope), Markup.Escape(a.Silo), Markup.Escape(a.Message));
                }

                return table;
            });
        });
        return command;
    }

    private static string Colour(string severity) => severity == "critical" ? "red" : "yellow";
}
