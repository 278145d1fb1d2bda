using System.CommandLine;
using OrleansBots.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansBots.Cli.Commands;

/// <summary><c>capacity [--watch]</c>: running bots against the maximum, as a bar coloured by status; live with --watch.</summary>
public static class CapacityCommand
{
    public static Command Create()
    {
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow capacity live (the platform's event stream) until Ctrl-C" };
        var command = new Command("capacity", "Running bots against MAX_CONCURRENT_BOTS (admin token)") { watch };
        command.Run(async (platform, output, parse, ct) =>
        {
            if (!parse.GetValue(watch))
            {
                output.Show(await platform.Admin.GetCapacityAsync(ct), r => Bar(r.Capacity));
                return;
            }

            var events = platform.Admin.WatchPlatformAsync(ct).Where(e => e.Capacity is not null);
            if (output.Json || !AnsiConsole.Profile.Capabilities.Interactive)
            {
                await foreach (var e in events)
                {
                    output.Line(new CapacityResponse(true, e.Capacity!), r => Summary(r.Capacity));
                }

                return;
            }

            await AnsiConsole.Live(new Text("Connecting...")).StartAsync(async live =>
            {
                await foreach (var e in events)
                {
                    live.UpdateTarget(Bar(e.Capacity!));
                }
            });
        });
        return command;
    }

    public static IRenderable Bar(CapacityView c)
    {
        var colour = Output.StatusColour(c.Status);
        var chart = new BreakdownChart().Width(60).HideTagValues()
            .AddItem("running", Math.Max(0, Math.Min(c.CurrentBots, c.MaxBots)), colour)
            .AddItem("free", Math.Max(0, c.AvailableSlots), Color.Grey23);
        return new Rows(new Markup(Summary(c)), chart);
    }

    private static string Summary(CapacityView c) =>
        $"Active Bots: [bold]{c.CurrentBots} / {c.MaxBots}[/] slots ({Output.Format(c.PercentUsed)}%) · " +
        $"[{Output.StatusColour(c.Status).ToMarkup()}]{c.Status}[/] · free {c.AvailableSlots} · accepting new: {(c.CanAcceptNew ? "yes" : "no")}";
}
