using System.CommandLine;
using Spectre.Console;

namespace OrleansBots.Cli.Commands;

/// <summary><c>stats</c>: the platform at a glance.</summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats", "Capacity, users, bots by state, trades today, cache, silos (admin token)");
        command.Run(async (platform, output, _, ct) =>
        {
            var stats = await platform.Admin.GetStatsAsync(ct);
            output.Show(stats, s =>
            {
                var silos = Output.Table("silo", "address", "status", "cpu %", "memory %", "recommended max bots");
                foreach (var silo in s.Silos)
                {
                    silos.AddRow(Markup.Escape(silo.Name), Markup.Escape(silo.Address), Markup.Escape(silo.Status),
                        Output.Format(silo.Load?.CpuPercent), Output.Format(silo.Load?.MemoryPercent), Output.Format(silo.Hardware?.RecommendedMaxBots));
                }

                return new Rows(
                    CapacityCommand.Bar(s.Capacity),
                    Output.Pairs(
                        ("users", s.Users), ("users with running bots", s.UsersWithRunningBots),
                        ("bots", string.Join(", ", s.Bots.Select(b => $"{b.Key} {b.Value}"))), ("trades today", s.TradesToday),
                        ("zombie leases freed", s.ZombieLeasesFreed), ("capacity grain on", s.CapacityHost),
                        ("cache", $"{s.Cache.Entries} entries, {s.Cache.Bytes} bytes, hit rate {Output.Format(s.Cache.HitRate)}"),
                        ("alerts", s.Alerts.Count)),
                    silos);
            });
        });
        return command;
    }
}
