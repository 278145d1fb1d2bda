using System.Diagnostics;
using System.Text.Json;
using OrleansBots.Quotas;

namespace OrleansBots.Benchmarks;

/// <summary>
/// Cooldown memory and speed per tracked user. Memory and check latency are measured through the grain API
/// (<see cref="Cooldowns"/> → shard grains on an in-process silo, a fresh silo per size); the same figures for
/// the plain <see cref="CooldownBook"/> are shown beside them. The idle-cleanup pause is measured on the plain
/// class with a hand-moved clock (an hour of idleness cannot be waited for): it is the exact step the shard
/// grain's timer runs, <see cref="CooldownOptions.IdleRemovedPerSweep"/> keys at a time.
/// The seed platform's Python structures are measured by a python3 child process with tracemalloc.
/// </summary>
public sealed class CooldownBenchmark : IBenchmark
{
    private const int ActionsPerUser = 3;
    private static readonly TimeSpan BetweenActions = TimeSpan.FromSeconds(11);
    private static readonly CooldownRule FillRule = new(TimeSpan.Zero, 20);

    public string Name => "cooldowns";

    public async Task<Report> RunAsync(bool quick)
    {
        int[] sizes = quick ? [100, 1_000, 10_000, 50_000] : [100, 1_000, 10_000, 50_000, 1_000_000];
        var checks = quick ? 20_000 : 100_000;
        var report = new Report(Name,
        [
            "users", "bytes_per_user", "check_p50_ms", "check_p99_ms", "cleanup_max_pause_ms",
            "python_bytes_per_user", "book_bytes_per_user", "book_check_p99_ms", "cleanup_total_ms",
            "python_check_p99_ms", "python_cleanup_ms", "total_mb",
        ]);
        report.Notes.Add($"each user acts {ActionsPerUser} times, {BetweenActions.TotalSeconds:0} s apart (one key string, last action, {ActionsPerUser} hourly timestamps)");
        report.Notes.Add("bytes_per_user, check_*: grain API (Cooldowns -> 64 shard grains, in-process silo); book_*: plain CooldownBook");
        report.Notes.Add($"cleanup_*: plain CooldownBook, all users idle, removed {new CooldownOptions().IdleRemovedPerSweep} per step (the grain timer's step)");
        report.Notes.Add("python_*: Dict[str, datetime] + Dict[str, List[datetime]], tracemalloc; python cleanup is the seed's full scan");

        foreach (var users in sizes)
        {
            Console.WriteLine($"  {users:N0} users ...");
            var python = await PythonAsync(users);
            var book = MeasureBook(users, checks);
            var grain = await MeasureGrainsAsync(users, checks);
            report.Add(users, grain.BytesPerUser, grain.P50, grain.P99, book.MaxPauseMs, python.BytesPerUser,
                book.BytesPerUser, book.CheckP99, book.TotalCleanupMs, python.CheckP99, python.CleanupMs,
                grain.BytesPerUser * users / (1024.0 * 1024.0));
        }

        return report;
    }

    private static (double BytesPerUser, double CheckP99, double MaxPauseMs, double TotalCleanupMs) MeasureBook(int users, int checks)
    {
        var options = new CooldownOptions();
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var book = new CooldownBook(options.MaxIdleTime, options.IdleRemovedPerAction, clock);
        var rule = options.DefaultRule;
        for (var action = 0; action < ActionsPerUser; action++)
        {
            for (var user = 0; user < users; user++)
            {
                book.TryAct("user:" + user, rule);
            }

            clock.Now += BetweenActions;
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var bytesPerUser = (after - before) / (double)users;

        var keys = RandomKeys(users, checks, seed: 1);
        var latencies = new Latencies(checks);
        foreach (var key in keys)
        {
            var start = Stopwatch.GetTimestamp();
            book.TryAct(key, rule);
            latencies.Add(Stopwatch.GetTimestamp() - start);
        }

        clock.Now += options.MaxIdleTime + TimeSpan.FromMinutes(5);
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

    private static async Task<(double BytesPerUser, double P50, double P99)> MeasureGrainsAsync(int users, int checks)
    {
        await using var cluster = await BenchCluster.StartAsync();
        var cooldowns = cluster.Cooldowns;
        var cache = cluster.Cache;

        // Activate every shard first, so activations are not counted as users' memory.
        await cache.GetStatsAsync();

        for (var i = 0; i < 2_000; i++)
        {
            await cooldowns.TryActAsync("warm:" + i, FillRule);
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        const int Fillers = 32;
        for (var action = 0; action < ActionsPerUser; action++)
        {
            await Task.WhenAll(Enumerable.Range(0, Fillers).Select(async filler =>
            {
                for (var user = filler; user < users; user += Fillers)
                {
                    await cooldowns.TryActAsync("user:" + user, FillRule);
                }
            }));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var rule = new CooldownOptions().DefaultRule;
        var latencies = new Latencies(checks);
        foreach (var key in RandomKeys(users, checks, seed: 2))
        {
            var start = Stopwatch.GetTimestamp();
            await cooldowns.TryActAsync(key, rule);
            latencies.Add(Stopwatch.GetTimestamp() - start);
        }

        return ((after - before) / (double)users, latencies.PercentileMs(50), latencies.PercentileMs(99));
    }

    private static string[] RandomKeys(int users, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => "user:" + random.Next(users)).ToArray();
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
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(users.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(ActionsPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
