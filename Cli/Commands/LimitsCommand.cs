using System.CommandLine;
using OrleansBots.Contracts;

namespace OrleansBots.Cli.Commands;

/// <summary><c>limits get|set</c>: the platform's limits, changed while it runs.</summary>
public static class LimitsCommand
{
    public static Command Create()
    {
        var get = new Command("get", "The platform's limits");
        get.Run(async (platform, output, _, ct) => output.Show(await platform.Admin.GetLimitsAsync(ct), r => Table(r.Limits)));

        var maxBots = new Option<int?>("--max-concurrent-bots") { Description = "MAX_CONCURRENT_BOTS: running bots on the whole platform" };
        var perUser = new Option<int?>("--max-bots-per-user") { Description = "MAX_BOTS_PER_USER" };
        var trades = new Option<int?>("--max-trades-per-day") { Description = "MAX_TRADES_PER_DAY" };
        var threshold = new Option<int?>("--alert-threshold") { Description = "ALERT_THRESHOLD (percent)" };
        var signals = new Option<int?>("--max-signals-per-minute") { Description = "MAX_SIGNALS_PER_MINUTE" };
        var set = new Command("set", "Change limits while the platform runs (only those given; the change is kept)") { maxBots, perUser, trades, threshold, signals };
        set.Run(async (platform, output, parse, ct) =>
        {
            var request = new LimitsRequest(parse.GetValue(maxBots), parse.GetValue(perUser), parse.GetValue(trades), parse.GetValue(threshold), parse.GetValue(signals));
            if (request == new LimitsRequest())
            {
                throw new UsageException("Give at least one limit to change, e.g. --max-concurrent-bots 300");
            }

            output.Show(await platform.Admin.ChangeLimitsAsync(request, ct), r => Table(r.Limits));
        });

        return new Command("limits", "The platform's limits (admin token)") { get, set };
    }

    private static Spectre.Console.Table Table(LimitsView l) => Output.Pairs(
        ("max concurrent bots", l.MaxConcurrentBots), ("max bots per user", l.MaxBotsPerUser), ("max trades per day", l.MaxTradesPerDay),
        ("alert threshold %", l.AlertThreshold), ("max signals per minute", l.MaxSignalsPerMinute));
}
