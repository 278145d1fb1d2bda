using System.Diagnostics;
using System.Text.Json;
using OrleansBots.Quotas;

namespace OrleansBots.Benchmarks;

/// <summary>
/// Cooldown memory and speed per tracked user under the seed's scenario: every user sends
/// <see cref="ActionsPerUser"/> messages in an hour, <see cref="BetweenActions"/> apart, under the default rule
/// (10 s cooldown, 20 per hour). The same scenario fills three peers in the same run: the shard grains through
/// <see cref="Cooldowns"/> (an in-process silo whose clock the benchmark moves), the plain <see cref="CooldownBook"/>
/// (the same clock), and the seed's Python structures (a python3 child process, tracemalloc). Cleanup is compared
/// like with like: the time to forget every idle user in total, and the longest pause that causes (Python's one
/// full scan is both; the book removes <see cref="CooldownOptions.IdleRemovedPerSweep"/> keys per step, the step
/// the shard grain's timer runs).
/// </summary>
public sealed class CooldownBenchmark : IBenchmark
{
    private const int ActionsPerUser = 20;
    private static readonly TimeSpan BetweenActions = TimeSpan.FromMinutes(3);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public string Name => "cooldowns";

    public async Task<Report> RunAsync(bool quick)
    {
        int[] sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
        var checks = quick ? 20_000 : 100_000;
        var report = new Report(Name,
        [
            "users", "bytes_per_user", "book_bytes_per_user", "python_bytes_per_user", "grain_vs_python", "book_vs_python",
            "check_p50_ms", "check_p99_ms", "book_check_p99_ms", "python_check_p99_ms",
            "cleanup_total_ms", "cleanup_max_pause_ms", "python_cleanup_ms", "total_mb",
        ]);
        var rule = new CooldownOptions().DefaultRule;
        report.Notes.Add($"scenario (all three peers): every user acts {ActionsPerUser} times, {BetweenActions.TotalMinutes:0} min apart, rule: {rule.Cooldown.TotalSeconds:0} s cooldown, {rule.HourlyQuota} per hour");
        report.Notes.Add("bytes_per_user, check_*: grain API (Cooldowns -> 64 shard grains, in-process silo on the benchmark's clock); book_*: plain CooldownBook; python_*: Dict[str, datetime] + Dict[str, List[datetime]], tracemalloc");
        report.Notes.Add($"checks: {checks:N0} on random users one step after the last action; python: up to 20,000, as the seed checked (cooldown, prune, count)");
        report.Notes.Add($"cleanup, hours later when every user is idle: book in steps of {new CooldownOptions().IdleRemovedPerSweep} keys (total and longest step); python: the seed's one full scan (its total is its pause)");
        report.Notes.Add("one run per size: memory is deterministic; the latencies are single samples on a shared machine");

        foreach (var users in sizes)
        {
            Console.WriteLine($"  {users:N0} users: python ...");
            var python = await PythonAsync(users);
            Console.WriteLine($"  {users:N0} users: book ...");
            var book = MeasureBook(users, checks, rule);
            Console.WriteLine($"  {users:N0} users: grains ...");
            var grain = await MeasureGrainsAsync(users, checks, rule);
            report.Add(users, grain.BytesPerUser, book.BytesPerUser, python.BytesPerUser,
                grain.BytesPerUser / python.BytesPerUser, book.BytesPerUser / python.BytesPerUser,
                grain.P50, grain.P99, book.CheckP99, python.CheckP99,
                book.TotalCleanupMs, book.MaxPauseMs, python.CleanupMs,
                grain.BytesPerUser * users / (1024.0 * 1024.0));
        }

        return report;
    }

    private static (double BytesPerUser, double CheckP99, double MaxPauseMs, double TotalCleanupMs) MeasureBook(int users, int checks, CooldownRule rule)
    {
        var options = new CooldownOptions();
        var clock = new ManualClock(Start);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var book = new CooldownBook(options.MaxIdleTime, options.IdleRemovedPerAction, clock);
        for (var action = 0; action < ActionsPerUser; action++)
        {
            for (var user = 0; user < users; user++)
            {
                Allowed(book.TryAct(UserKey(user), rule));
            }

            clock.Now += BetweenActions;
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var bytesPerUser = (after - before) / (double)users;

        var latencies = new Latencies(checks);
        foreach (var key in RandomKeys(users, checks, seed: 1))
        {
            var start = Stopwatch.GetTimestamp();
            book.TryAct(key, rule);
            latencies.Add(Stopwatch.GetTimestamp() - start);
        }

        clock.Now += TimeSpan.FromHours(3);
        long longest = 0;
        long total = 0;
        while (book.Count > 0)
        {
            var start = Stopwatch.GetTimestamp();
            book.RemoveIdle(options.IdleRemovedPerSweep);
            var step = Stopwatch.GetTimestamp() - start;
            longest = Math.Max(longest, step);
            total += step;
        }

        return (bytesPerUser, latencies.PercentileMs(99), Latencies.ToMs(longest), Latencies.ToMs(total));
    }

    private static async Task<(double BytesPerUser, double P50, double P99)> MeasureGrainsAsync(int users, int checks, CooldownRule rule)
    {
        var clock = new ManualClock(Start);
        await using var cluster = await BenchCluster.StartAsync(clock: clock);
        var cooldowns = cluster.Cooldowns;

        // Activate every shard first, so activations are not counted as users' memory.
        await cluster.Cache.GetStatsAsync();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        const int Fillers = 32;
        for (var action = 0; action < ActionsPerUser; action++)
        {
            await Task.WhenAll(Enumerable.Range(0, Fillers).Select(async filler =>
            {
                for (var user = filler; user < users; user += Fillers)
                {
                    Allowed(await cooldowns.TryActAsync(UserKey(user), rule));
                }
            }));
            clock.Now += BetweenActions;
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var latencies = new Latencies(checks);
        foreach (var key in RandomKeys(users, checks, seed: 2))
        {
            var start = Stopwatch.GetTimestamp();
            await cooldowns.TryActAsync(key, rule);
            latencies.Add(Stopwatch.GetTimestamp() - start);
        }

        return ((after - before) / (double)users, latencies.PercentileMs(50), latencies.PercentileMs(99));
    }

    /// <summary>The scenario stays within the rule: a refusal would mean the peers did not do the same work.</summary>
    private static void Allowed(CooldownAnswer answer)
    {
        if (!answer.Allowed)
        {
            throw new InvalidOperationException($"an action of the scenario was refused ({answer.Limit}, retry after {answer.RetryAfter})");
        }
    }

    /// <summary>A user's key, made anew for every action as Python's loop makes it: the first one made is the one stored, and counted.</summary>
    private static string UserKey(int user) => "user:" + user.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string[] RandomKeys(int users, int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => UserKey(random.Next(users)))];
    }

    private static async Task<(double BytesPerUser, double CheckP99, double CleanupMs)> PythonAsync(int users)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "python", "cooldown_memory.py");
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, users.ToString(System.Globalization.CultureInfo.InvariantCulture), ActionsPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture), BetweenActions.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"python3 failed: {error}");
                return (double.NaN, double.NaN, double.NaN);
            }

            using var json = JsonDocument.Parse(output);
            var root = json.RootElement;
            return (root.GetProperty("bytes_per_user").GetDouble(), root.GetProperty("check_p99_ms").GetDouble(), root.GetProperty("cleanup_ms").GetDouble());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine("python3 not found: install it (apt-get install -y python3) for the python_* columns");
            return (double.NaN, double.NaN, double.NaN);
        }
    }
}
