using System.Net.Http.Json;
using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Chaos;

/// <summary>
/// The chaos harness: starts the cluster and the bots (the platform's maximum is exactly the bots, so extra
/// starts must be refused), watches them, runs the events — scripted for CI, random for the long run — with a
/// restart of each silo taken down (on its old ports or on new ones), and judges the run.
/// </summary>
public sealed class ChaosRun(ChaosSettings settings, Action<string> log)
{
    private static readonly CreateBotRequest BotRequest = new("chaos", "trading", ["BTCUSDT", "ETHUSDT"], 1, ShortWindow: 2, LongWindow: 4);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(4);
    private readonly List<ChaosEvent> _events = [];
    private List<WatchedBot> _bots = [];
    private readonly Random _random = new(9);
    private ChaosCluster _cluster = null!;

    public async Task<ChaosReport> RunAsync()
    {
        var started = DateTimeOffset.UtcNow;
        await using var cluster = _cluster = await ChaosCluster.StartAsync(settings.Silos, settings.Bots);
        log($"{settings.Silos} silos up in {(DateTimeOffset.UtcNow - started).TotalSeconds:0} s");
        var (bots, extras) = await CreateBotsAsync();
        _bots = bots;
        await using var watch = new TickWatch(cluster, bots, extras, settings.PollPeriod);
        watch.Start();
        await Task.Delay(Settle * 2);
        var chaosStarted = DateTimeOffset.UtcNow;
        try
        {
            if (settings.Long)
            {
                await RunRandomAsync(chaosStarted + settings.Duration);
            }
            else
            {
                await RunScriptedAsync();
            }

            await Task.Delay(Settle * 3);
        }
        catch (Exception error)
        {
            throw new InvalidOperationException($"chaos run broke off: {error.Message}\n{cluster.Logs(40)}", error);
        }

        await watch.StopAsync();
        if (settings.ReportFile is { } report)
        {
            await cluster.SaveLogsAsync(report + ".logs");
        }

        var end = DateTimeOffset.UtcNow;
        var logs = cluster.Silos.Select(s => s.EarlierLogs + s.Process.Log).ToList();
        var (notRunning, trades, problems) = await CheckBotsAsync(bots);
        var resolution = settings.PollPeriod;
        return new ChaosReport(
            settings.Silos,
            bots.Count,
            end - chaosStarted,
            resolution,
            _events.Select((e, i) => ChaosReport.Outcome(e, bots, end, resolution, ChaosStages.Describe(e, i + 1 < _events.Count ? _events[i + 1].At : end, logs))).ToList(),
            watch.Requests,
            watch.ServerErrors,
            watch.Unanswered,
            watch.SlowAnswers,
            watch.Abandoned,
            watch.AbandonedBy,
            watch.MaxCurrentBots,
            settings.Bots,
            watch.OverAdmissions,
            watch.ExtraAdmitted,
            notRunning,
            trades,
            problems,
            watch.FailureSamples);
    }

    /// <summary>
    /// The CI variant, about 100 s of events: Redis and PostgreSQL restarted; the capacity grain's silo killed and
    /// a busy other one stopped, both started again while the next events run; the busiest silo killed (a silo started
    /// again holds no running bots until something moves them, so this is where the bots went); the busiest frozen for
    /// 20 s (not started again); last the capacity grain's silo stopped, so the one silo left carries every bot through
    /// the final checks.
    /// </summary>
    private async Task RunScriptedAsync()
    {
        await RestartRedisAsync();
        await RestartPostgresAsync();
        var killedBack = await KillAsync(await CapacityHostAsync(), samePorts: true);
        var stoppedBack = await TerminateAsync(Busiest(except: await _cluster.CapacityHostAsync()), samePorts: false);
        await Task.WhenAll(killedBack, stoppedBack);
        var secondKillBack = await KillAsync(Busiest(except: null), samePorts: true);
        await FreezeAsync(Busiest(except: null), restart: false);
        await secondKillBack;
        await TerminateAsync(await CapacityHostAsync(), samePorts: null);
    }

    private async Task RunRandomAsync(DateTimeOffset until)
    {
        var round = 0;
        while (DateTimeOffset.UtcNow < until)
        {
            round++;
            var samePorts = round % 2 == 0;
            var onCapacity = _random.Next(3) == 0;
            var target = onCapacity ? await CapacityHostAsync() : Busiest(except: null);
            switch (round % 7)
            {
                case 3:
                    await RestartRedisAsync();
                    break;
                case 6:
                    await RestartPostgresAsync();
                    break;
                default:
                    var kind = _random.Next(4);
                    await (kind switch
                    {
                        0 or 1 => await KillAsync(target, samePorts),
                        2 => await TerminateAsync(target, samePorts),
                        _ => FreezeAsync(target, restart: true),
                    });
                    break;
            }

            await Task.Delay(Settle);
        }
    }

    /// <summary>kill -9, then the goal's time; returns the silo's restart, under way.</summary>
    private async Task<Task> KillAsync(ChaosSilo silo, bool samePorts)
    {
        await RecordAsync(ChaosKind.Kill, silo);
        await _cluster.KillAsync(silo);
        await Task.Delay(ChaosEvent.GoalOf(ChaosKind.Kill) + Settle);
        await UntilBackAsync();
        return RestartAsync(silo, samePorts);
    }

    /// <summary>SIGTERM, then its exit; returns the silo's restart, under way (none when <paramref name="samePorts"/> is null).</summary>
    private async Task<Task> TerminateAsync(ChaosSilo silo, bool? samePorts)
    {
        await RecordAsync(ChaosKind.Terminate, silo);
        _cluster.Terminate(silo);
        await silo.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(Settle);
        await UntilBackAsync();
        if (samePorts is not { } ports)
        {
            silo.Became(SiloCondition.Down);
            return Task.CompletedTask;
        }

        return RestartAsync(silo, ports);
    }

    /// <summary>SIGSTOP for 20 s. Declared dead meanwhile, the silo stops by itself once thawed (and is started again).</summary>
    private async Task FreezeAsync(ChaosSilo silo, bool restart)
    {
        await RecordAsync(ChaosKind.Freeze, silo);
        _cluster.Freeze(silo);
        await Task.Delay(TimeSpan.FromSeconds(20));
        _cluster.Thaw(silo);
        try
        {
            await silo.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
            log($"{silo.Name} stopped by itself after the freeze");
        }
        catch (OperationCanceledException)
        {
            log($"{silo.Name} was never declared dead during its freeze; it goes on");
        }

        await UntilBackAsync();
        if (restart)
        {
            await Task.Delay(Settle);
            await RestartAsync(silo, samePorts: false);
        }
        else if (!silo.Process.HasExited)
        {
            await _cluster.KillAsync(silo);
        }
        else
        {
            silo.Became(SiloCondition.Down);
        }
    }

    private async Task RestartRedisAsync()
    {
        await RecordAsync(ChaosKind.RedisRestart, null);
        await _cluster.RestartRedisAsync(TimeSpan.FromSeconds(2));
        await Task.Delay(Settle * 2);
        await UntilBackAsync();
    }

    private async Task RestartPostgresAsync()
    {
        await RecordAsync(ChaosKind.PostgresRestart, null);
        await _cluster.RestartPostgresAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(Settle * 2);
        await UntilBackAsync();
    }

    /// <summary>
    /// Until every bot that ran before the last event was seen ticking after it, or its goal (times the run's factor)
    /// has passed: the next event does not fall into this one's recovery, so each back time belongs to one event.
    /// </summary>
    private async Task UntilBackAsync()
    {
        var chaos = _events[^1];
        var deadline = chaos.At + chaos.Goal * settings.GoalFactor;
        while (DateTimeOffset.UtcNow < deadline && !_bots.All(b => b.SeenBackAfter(chaos.At)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private async Task RestartAsync(ChaosSilo silo, bool samePorts)
    {
        var started = DateTimeOffset.UtcNow;
        await _cluster.RestartAsync(silo, samePorts);
        await _cluster.WaitForMemberAsync(silo);
        log($"{silo.Name} back ({(samePorts ? "same" : "new")} ports) in {(DateTimeOffset.UtcNow - started).TotalSeconds:0} s");
    }

    private async Task RecordAsync(ChaosKind kind, ChaosSilo? silo)
    {
        var host = silo is null ? null : await _cluster.CapacityHostAsync();
        var chaos = new ChaosEvent(kind, silo?.Name ?? "-", silo is not null && silo == host, DateTimeOffset.UtcNow, ChaosEvent.GoalOf(kind));
        _events.Add(chaos);
        var bots = silo is null ? 0 : _bots.Count(b => silo.Hosts(b.Silo));
        log($"{chaos.At:HH:mm:ss.fff} {kind} {chaos.Target}{(chaos.CapacityHost ? " (capacity host)" : "")}, {bots} bots on it");
    }

    private async Task<ChaosSilo> CapacityHostAsync() =>
        await _cluster.CapacityHostAsync() ?? throw new InvalidOperationException("no silo reports where the capacity grain lives");

    /// <summary>The silo up that runs the most watched bots, as last read.</summary>
    private ChaosSilo Busiest(ChaosSilo? except) =>
        _cluster.Up.Where(s => s != except).OrderByDescending(s => _bots.Count(b => s.Hosts(b.Silo))).First();

    /// <summary>One user per bot (MAX_BOTS_PER_USER is 1), spread over the silos; a tenth more users whose starts must be refused.</summary>
    private async Task<(List<WatchedBot> Bots, List<WatchedBot> Extras)> CreateBotsAsync()
    {
        var extrasCount = Math.Max(3, settings.Bots / 10);
        var created = new WatchedBot[settings.Bots + extrasCount];
        using var gate = new SemaphoreSlim(8);
        var clients = _cluster.Silos.Select(s => s.Process.CreateHttpClient()).ToList();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, created.Length).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var http = clients[i % clients.Count];
                    var key = (await new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken).CreateUserAsync(new CreateUserRequest($"chaos-{i}"))).ApiKey;
                    var user = new OrleansBotsUserClient(http, key);
                    var bot = await user.CreateBotAsync(BotRequest);
                    if (i < settings.Bots)
                    {
                        await user.StartBotAsync(bot.BotId);
                    }

                    created[i] = new WatchedBot(bot.BotId, key, TimeSpan.FromSeconds(BotRequest.TickSeconds!.Value));
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        log($"{settings.Bots} bots running, {extrasCount} more waiting to start");
        return ([.. created.Take(settings.Bots)], [.. created.Skip(settings.Bots)]);
    }

    /// <summary>Each bot still runs; its trades are numbered 1..trades_total without gap or repeat, and none it showed is gone.</summary>
    private async Task<(List<string> NotRunning, long Trades, List<TradeProblem> Problems)> CheckBotsAsync(IReadOnlyList<WatchedBot> bots)
    {
        var notRunning = new List<string>();
        var problems = new List<TradeProblem>();
        long trades = 0;
        using var http = _cluster.Up.First().Process.CreateHttpClient();
        foreach (var bot in bots)
        {
            var user = new OrleansBotsUserClient(http, bot.ApiKey);
            var view = await Eventually.Get(() => user.GetBotAsync(bot.BotId), _ => true, TimeSpan.FromSeconds(30), $"bot {bot.BotId} readable");
            if (view.Status != "running")
            {
                notRunning.Add($"{bot.BotId}: {view.Status} {view.FailureReason}");
            }

            // The bot keeps trading between the reads: its newest trade lies between the two totals read around the list.
            var list = await user.GetTradesAsync(bot.BotId, 500);
            var after = await user.GetBotAsync(bot.BotId);
            trades += after.TradesTotal;
            var numbers = list.Select(t => long.Parse(t.TradeId[(bot.BotId.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var newest = numbers.FirstOrDefault();
            var expected = Enumerable.Range(0, (int)Math.Min(newest, 500)).Select(i => newest - i).ToList();
            if (!numbers.SequenceEqual(expected) || newest < view.TradesTotal || newest > after.TradesTotal)
            {
                problems.Add(new TradeProblem(bot.BotId, $"trade numbers {string.Join(',', numbers.Take(8))}… for trades_total {view.TradesTotal}..{after.TradesTotal}"));
            }

            if (view.TradesTotal < bot.TradesSeen)
            {
                problems.Add(new TradeProblem(bot.BotId, $"trades_total {view.TradesTotal} after {bot.TradesSeen} was shown: trades lost"));
            }
        }

        return (notRunning, trades, problems);
    }
}
