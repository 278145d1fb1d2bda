using System.Globalization;
using System.Text;

namespace OrleansBots.Silo.Tests.Chaos;

/// <summary>
/// One event's outcome: how soon the bots that were running ticked again (upper bounds), how many of the affected ran
/// on the silo the event hit (the others were on silos that stayed up), and where the time went (<see cref="ChaosStages"/>).
/// </summary>
public sealed record EventOutcome(ChaosEvent Event, int Bots, int Affected, int AffectedOnTarget, TimeSpan P50Affected, TimeSpan Max, string? Slowest, string Stages, TimeSpan MaxSeen)
{
    /// <summary>Met when the slowest bot was back within the goal (times <paramref name="factor"/>) plus the harness's reading resolution.</summary>
    public bool MetGoal(TimeSpan resolution, double factor = 1) => Max <= Event.Goal * factor + resolution;
}

/// <summary>A trade sequence problem of one bot at the end of the run.</summary>
public sealed record TradeProblem(string BotId, string Problem);

/// <summary>The chaos run's findings, printable as the table in docs/BENCHMARKS.md.</summary>
public sealed record ChaosReport(
    int Silos,
    int Bots,
    TimeSpan Duration,
    TimeSpan Resolution,
    IReadOnlyList<EventOutcome> Events,
    long Requests,
    long ServerErrors,
    long Unanswered,
    long SlowAnswers,
    long Abandoned,
    IReadOnlyDictionary<SiloCondition, int> AbandonedBy,
    int MaxCurrentBots,
    int MaxBots,
    int OverAdmissions,
    long ExtraAdmitted,
    IReadOnlyList<string> NotRunningAtEnd,
    long Trades,
    IReadOnlyList<TradeProblem> TradeProblems,
    IReadOnlyList<string> FailureSamples)
{
    // An affected bot missed at least one tick: back later than this (tick 1 s + one reading).
    public static TimeSpan AffectedAfter(TimeSpan resolution) => TimeSpan.FromSeconds(1) + resolution + TimeSpan.FromSeconds(0.5);

    public static EventOutcome Outcome(ChaosEvent chaos, IReadOnlyList<WatchedBot> bots, DateTimeOffset end, TimeSpan resolution, string stages)
    {
        var backs = bots.Select(b => (Bot: b, Back: b.BackAfter(chaos.At, end))).Where(b => b.Back is not null).Select(b => (b.Bot, Back: b.Back!.Value)).ToList();
        var late = backs.Where(b => b.Back > AffectedAfter(resolution)).ToList();
        var affected = late.Select(b => b.Back).Order().ToList();
        var slowest = backs.OrderByDescending(b => b.Back).FirstOrDefault();
        var maxSeen = bots.Select(b => b.SeenAfter(chaos.At, end)).Where(s => s is not null).Select(s => s!.Value).DefaultIfEmpty().Max();
        var targetPort = $":{chaos.Target[(chaos.Target.LastIndexOf(':') + 1)..]}:";
        return new EventOutcome(
            chaos,
            backs.Count,
            affected.Count,
            chaos.Target == "-" ? 0 : late.Count(b => b.Bot.SiloAt(chaos.At)?.Contains(targetPort, StringComparison.Ordinal) == true),
            affected.Count == 0 ? TimeSpan.Zero : affected[affected.Count / 2],
            slowest.Back,
            slowest.Bot?.BotId,
            stages,
            maxSeen);
    }

    public string ToText()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"chaos: {Silos} silos, {Bots} running bots, {Duration.TotalMinutes:0.0} min, readings every {Resolution.TotalSeconds:0.##} s (back times are upper bounds, from the ticks read and the bots' tick counts)");
        text.AppendLine("| event | target | goal | bots back p50 (affected) / max | affected bots |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var outcome in Events)
        {
            var e = outcome.Event;
            text.AppendLine(culture, $"| {Name(e.Kind)} | {e.Target}{(e.CapacityHost ? " (capacity)" : "")} | {e.Goal.TotalSeconds:0} s | {outcome.P50Affected.TotalSeconds:0.0} s / {outcome.Max.TotalSeconds:0.0} s{(outcome.MetGoal(Resolution) ? "" : " **over**")} | {outcome.Affected}/{outcome.Bots} |");
        }

        foreach (var outcome in Events)
        {
            var where = outcome.Affected > 0 && outcome.Event.Target != "-" ? $"; affected {outcome.AffectedOnTarget} on {outcome.Event.Target}, {outcome.Affected - outcome.AffectedOnTarget} on other silos" : "";
            text.AppendLine(culture, $"{outcome.Event.At:HH:mm:ss.fff} {Name(outcome.Event.Kind)} {outcome.Event.Target}: {outcome.Stages}; first tick p50 +{outcome.P50Affected.TotalSeconds:0.0} s, max +{outcome.Max.TotalSeconds:0.0} s ({outcome.Slowest}), first tick read max +{outcome.MaxSeen.TotalSeconds:0.0} s{where}");
        }

        foreach (var kind in Events.Select(e => e.Event.Kind).Distinct())
        {
            var of = Events.Where(e => e.Event.Kind == kind).ToList();
            text.AppendLine(culture, $"{Name(kind)}: {of.Count} events, max back {of.Max(e => e.Max).TotalSeconds:0.0} s, worst p50 {of.Max(e => e.P50Affected).TotalSeconds:0.0} s, over goal {of.Count(e => !e.MetGoal(Resolution))}");
        }

        text.AppendLine(culture, $"API: {Requests} requests, {ServerErrors} × 5xx and {Unanswered} unanswered (30 s) from silos that stayed up; {SlowAnswers} answers slower than 5 s; {Abandoned} readings given up as the harness disturbed their silo{(Abandoned > 0 ? " (" + string.Join(", ", AbandonedBy.OrderBy(a => a.Key).Select(a => $"{a.Key.ToString().ToLowerInvariant()} {a.Value}")) + ")" : "")}");
        text.AppendLine(culture, $"admission: max {MaxCurrentBots}/{MaxBots} running, {OverAdmissions} readings over the maximum, {ExtraAdmitted} extra starts admitted");
        text.AppendLine(culture, $"bots not running at the end: {NotRunningAtEnd.Count}{(NotRunningAtEnd.Count > 0 ? " (" + string.Join(", ", NotRunningAtEnd.Take(5)) + ")" : "")}");
        text.AppendLine(culture, $"trades: {Trades}, sequence problems: {TradeProblems.Count}");
        foreach (var problem in TradeProblems.Take(5))
        {
            text.AppendLine(culture, $"  {problem.BotId}: {problem.Problem}");
        }

        foreach (var sample in FailureSamples.Take(10))
        {
            text.AppendLine(culture, $"  {sample}");
        }

        return text.ToString();
    }

    private static string Name(ChaosKind kind) => kind switch
    {
        ChaosKind.Kill => "kill -9",
        ChaosKind.Freeze => "SIGSTOP",
        ChaosKind.Terminate => "SIGTERM",
        ChaosKind.RedisRestart => "Redis restart",
        _ => "PostgreSQL restart",
    };
}
