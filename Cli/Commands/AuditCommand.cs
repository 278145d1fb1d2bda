using System.CommandLine;
using OrleansBots.Contracts;
using Spectre.Console;

namespace OrleansBots.Cli.Commands;

/// <summary><c>audit [--limit N]</c>: the audit trail of admin actions, newest first.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit", "-n") { Description = "How many entries, newest first (1 to 1000)", DefaultValueFactory = _ => 50 };
        var command = new Command("audit", "Who did what to which user or limit, newest first (admin token)") { limit };
        command.Run(async (platform, output, parse, ct) =>
        {
            var entries = await platform.Admin.GetAuditAsync(parse.GetValue(limit), ct);
            output.Show(new AuditResponse(true, entries, null), r =>
            {
                var table = Output.Table("at", "action", "target", "actor", "detail");
                foreach (var e in r.Entries)
                {
                    table.AddRow(Output.Format(e.At), Markup.Escape(e.Action), Markup.Escape(e.Target), Markup.Escape(e.Actor), Markup.Escape(Output.Format(e.Detail)));
                }

                return table;
            });
        });
        return command;
    }
}
