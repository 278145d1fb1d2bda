using System.CommandLine;
using OrleansBots.Client;
using OrleansBots.Contracts;
using Spectre.Console;

namespace OrleansBots.Cli.Commands;

/// <summary><c>bots create|list|get|start|stop|delete|trades|signals|watch</c> (a user's API key).</summary>
public static class BotsCommand
{
    public static Command Create() => new("bots", "Your bots (API key)")
    {
        CreateBots(), List(), Get(), Start(), Stop(), Delete(), Trades(), Signals(), Watch(),
    };

    private static Command CreateBots()
    {
        var name = new Option<string>("--name") { Description = "The bot's name (with --count, a number is added)", Required = true };
        var kind = new Option<string>("--kind") { Description = "trading or chat", DefaultValueFactory = _ => "trading" };
        kind.AcceptOnlyFromAmong("trading", "chat");
        var symbols = new Option<string[]>("--symbols") { Description = "Symbols such as BTCUSDT", AllowMultipleArgumentsPerToken = true };
        var tick = new Option<double?>("--tick-seconds") { Description = "Seconds between ticks" };
        var shortWindow = new Option<int?>("--short-window");
        var longWindow = new Option<int?>("--long-window");
        var count = new Option<int>("--count") { Description = "Create this many bots (1 to 1000), with a progress bar", DefaultValueFactory = _ => 1 };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                r.AddError("--count must be between 1 and 1000");
            }
        });
        var command = new Command("create", "Create bots (not started)") { name, kind, symbols, tick, shortWindow, longWindow, count };
        command.Run(async (platform, output, parse, ct) =>
        {
            var howMany = parse.GetValue(count);
            var request = new CreateBotRequest(
                parse.GetValue(name), parse.GetValue(kind), parse.GetValue(symbols) is { Length: > 0 } given ? given : null,
                parse.GetValue(tick), parse.GetValue(shortWindow), parse.GetValue(longWindow));
            if (howMany == 1)
            {
                var bot = await platform.User.CreateBotAsync(request, ct);
                output.Show(bot, Describe);
                return;
            }

            var created = await Bulk.RunAsync(output, "Creating bots", Enumerable.Range(1, howMany).ToList(),
                (i, token) => platform.User.CreateBotAsync(request with { Name = $"{request.Name}-{i}" }, token), ct);
            output.Show(new BotListResponse(true, created), Table);
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Your bots");
        command.Run(async (platform, output, _, ct) => output.Show(new BotListResponse(true, await platform.User.ListBotsAsync(ct)), Table));
        return command;
    }

    private static Command Get()
    {
        var botId = BotId();
        var command = new Command("get", "One bot") { botId };
        command.Run(async (platform, output, parse, ct) => output.Show(await platform.User.GetBotAsync(parse.GetValue(botId)!, ct), Describe));
        return command;
    }

    private static Command Start() => StartOrStop("start", "Start a bot, or every stopped bot with --all (exit 3 when the platform is full)",
        (client, id, ct) => client.StartBotAsync(id, ct), bot => bot.Status != "running");

    private static Command Stop() => StartOrStop("stop", "Stop a bot, or every running bot with --all",
        (client, id, ct) => client.StopBotAsync(id, ct), bot => bot.Status == "running");

    private static Command StartOrStop(string verb, string description, Func<IOrleansBotsUserClient, string, CancellationToken, Task<BotView>> act, Func<BotView, bool> applies)
    {
        var botId = new Argument<string?>("bot-id") { Description = "The bot (omit with --all)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = $"{char.ToUpperInvariant(verb[0])}{verb[1..]} every bot it applies to, with a progress bar" };
        var command = new Command(verb, description) { botId, all };
        command.Run(async (platform, output, parse, ct) =>
        {
            var id = parse.GetValue(botId);
            if (parse.GetValue(all) == (id is not null))
            {
                throw new UsageException($"Give a bot id or --all (not both)");
            }

            if (id is not null)
            {
                output.Show(await act(platform.User, id, ct), Describe);
                return;
            }

            var bots = (await platform.User.ListBotsAsync(ct)).Where(applies).Select(b => b.BotId).ToList();
            var done = await Bulk.RunAsync(output, $"{verb} bots", bots, (bot, token) => act(platform.User, bot, token), ct);
            output.Show(new BotListResponse(true, done), Table);
        });
        return command;
    }

    private static Command Delete()
    {
        var botId = BotId();
        var command = new Command("delete", "Stop and delete a bot") { botId };
        command.Run(async (platform, output, parse, ct) =>
        {
            var id = parse.GetValue(botId)!;
            await platform.User.DeleteBotAsync(id, ct);
            output.Line(new BotDeletedResponse(true, id, true), d => $"Bot {Markup.Escape(d.BotId)} deleted");
        });
        return command;
    }

    private static Command Trades()
    {
        var botId = BotId();
        var limit = Limit();
        var command = new Command("trades", "A bot's trades, newest first") { botId, limit };
        command.Run(async (platform, output, parse, ct) =>
        {
            var id = parse.GetValue(botId)!;
            var trades = await platform.User.EnumerateTradesAsync(id, Math.Min(parse.GetValue(limit), 1000), ct).Take(parse.GetValue(limit)).ToListAsync(ct);
            output.Show(new TradesResponse(true, id, trades), r =>
            {
                var table = Output.Table("at", "trade", "symbol", "side", "price", "quantity");
                foreach (var t in r.Trades)
                {
                    table.AddRow(Output.Format(t.At), Markup.Escape(t.TradeId), t.Symbol, t.Side == "buy" ? "[green]buy[/]" : "[red]sell[/]", Output.Format(t.Price), Output.Format(t.Quantity));
                }

                return table;
            });
        });
        return command;
    }

    private static Command Signals()
    {
        var botId = BotId();
        var limit = Limit();
        var command = new Command("signals", "A bot's signals, newest first") { botId, limit };
        command.Run(async (platform, output, parse, ct) =>
        {
            var id = parse.GetValue(botId)!;
            var signals = await platform.User.EnumerateSignalsAsync(id, Math.Min(parse.GetValue(limit), 1000), ct).Take(parse.GetValue(limit)).ToListAsync(ct);
            output.Show(new SignalsResponse(true, id, signals), r =>
            {
                var table = Output.Table("at", "symbol", "kind", "message");
                foreach (var s in r.Signals)
                {
                    table.AddRow(Output.Format(s.At), s.Symbol, Markup.Escape(s.Kind), Markup.Escape(s.Message));
                }

                return table;
            });
        });
        return command;
    }

    private static Command Watch()
    {
        var botId = BotId();
        var after = new Option<long?>("--after") { Description = "Resume after this event number (replays the kept events after it)" };
        var command = new Command("watch", "Follow a bot live (Ctrl-C stops); reconnects by itself without missing or repeating events") { botId, after };
        command.Run(async (platform, output, parse, ct) =>
        {
            await foreach (var e in platform.User.WatchAsync(parse.GetValue(botId)!, parse.GetValue(after), ct))
            {
                output.Line(e, Describe);
            }
        });
        return command;
    }

    private static string Describe(BotEventView e) => $"[grey]#{e.Sequence} {Output.Format(e.At)}[/] " + e.Type switch
    {
        BotEventView.TradeType => $"[bold]trade[/] {(e.Trade!.Side == "buy" ? "[green]buy[/]" : "[red]sell[/]")} {Output.Format(e.Trade.Quantity)} {e.Trade.Symbol} at {Output.Format(e.Trade.Price)}",
        BotEventView.SignalType => $"signal {Markup.Escape(e.Signal!.Kind)}: {Markup.Escape(e.Signal.Message)}",
        BotEventView.ReplyType => $"reply to '{Markup.Escape(e.Reply!.Message)}': {Markup.Escape(e.Reply.Text)}",
        BotEventView.Lifecycle => $"[bold]{Markup.Escape(e.Status ?? "")}[/]{(e.Reason is null ? "" : $" ({Markup.Escape(e.Reason)})")}",
        _ => $"[yellow]{Markup.Escape(e.Type)}[/]: {Markup.Escape(e.Reason ?? "")}",
    };

    private static Argument<string> BotId() => new("bot-id") { Description = "The bot's id (bot_...)" };

    private static Option<int> Limit()
    {
        var limit = new Option<int>("--limit") { Description = "How many, newest first", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--limit must be at least 1");
            }
        });
        return limit;
    }

    private static Table Table(BotListResponse list)
    {
        var table = Output.Table("bot", "name", "kind", "symbols", "status", "trades", "silo");
        foreach (var b in list.Bots)
        {
            table.AddRow(Markup.Escape(b.BotId), Markup.Escape(b.Name), b.Kind, Markup.Escape(string.Join(",", b.Symbols)), StatusMarkup(b.Status), b.TradesTotal.ToString(), Markup.Escape(b.Silo ?? "-"));
        }

        return table;
    }

    private static Table Describe(BotView b) => Output.Pairs(
        ("bot", b.BotId), ("name", b.Name), ("kind", b.Kind), ("strategy", b.Strategy), ("symbols", b.Symbols), ("tick seconds", b.TickSeconds),
        ("status", b.Status), ("failure", b.FailureReason), ("created", b.CreatedAt), ("started", b.StartedAt), ("ticks", b.Ticks),
        ("trades", b.TradesTotal), ("restarts", b.Restarts), ("silo", b.Silo));

    private static string StatusMarkup(string status) => status switch
    {
        "running" => "[green]running[/]",
        "failed" => "[red]failed[/]",
        _ => Markup.Escape(status),
    };
}
