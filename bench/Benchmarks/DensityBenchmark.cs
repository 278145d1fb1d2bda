using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansBots.Benchmarks;

/// <summary>
/// How many running bots one silo holds, driven from outside through the HTTP API as users would: a real silo
/// process (in memory, then on PostgreSQL), trading bots with 5 s ticks spread over 200 users and 4 symbols,
/// started in steps. Per step: starts/s and the silo's CPU per start (its ticking CPU, measured just before the
/// step, taken out), then in steady state the RSS per bot, ticks actually done per second (from the silo's own
/// tick counter, not ticks due), tick lag p50/p99 (the silo's histogram) and the p50/p99 of GET /api/admin/capacity.
/// On PostgreSQL it ends with a SIGTERM (time to exit, lines logged) and a restart (time until every bot ticks);
/// OB_DENSITY_STOP=kill ends it with a SIGKILL instead, and checks on a sample of bots that each counts, after the
/// restart, every trade its history held before the kill.
/// OB_DENSITY_STEPS (e.g. 1000,10000) and OB_DENSITY_STORAGE (memory, postgres, both) override the defaults;
/// OB_DENSITY_SILO_ENV (KEY=VALUE;...) adds settings to the silo's environment;
/// OB_DENSITY_SOAK_MINUTES (e.g. 30) keeps the last step running that long, trading, and reports its RSS per bot as it
/// goes: the footprint of bots that have traded, not of fresh ones.
/// </summary>
public sealed class DensityBenchmark : IBenchmark
{
    private const int Users = 200;
    private const int Concurrency = 64;
    private const double TickSeconds = 5;
    private const string AdminToken = "density-benchmark-admin-token-0123456789";

    // The silo's CPU rate counts as settled once two 1 s windows differ by at most this (ms per second) or a quarter.
    private const double SettledWithinMs = 20;
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(20);
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Name => "density";

    public async Task<Report> RunAsync(bool quick)
    {
        var steps = Environment.GetEnvironmentVariable("OB_DENSITY_STEPS") is { Length: > 0 } given
            ? given.Split(',').Select(int.Parse).ToArray()
            : quick ? [1000, 10000, 20000] : [1000, 10000, 20000, 40000, 70000, 100000];
        var storages = (Environment.GetEnvironmentVariable("OB_DENSITY_STORAGE") ?? "both") switch
        {
            "memory" => new[] { "memory" },
            "postgres" => ["postgres"],
            _ => ["memory", "postgres"],
        };
        var window = TimeSpan.FromSeconds(quick ? 20 : 60);
        var report = new Report(Name, ["storage", "bots", "failed_starts", "starts_per_s", "cpu_ms_per_start", "rss_kb_per_bot", "ticks_per_s", "ticks_due_per_s", "cpu_us_per_tick", "lag_p50_ms", "lag_p99_ms", "capacity_api_p50_ms", "capacity_api_p99_ms", "trades_in_window", "gc_per_s", "gc_paused_ms_per_s"]);
        report.Notes.Add($"one silo process (Release), {Environment.ProcessorCount} cores; trading bots, {TickSeconds} s ticks, {Users} users, {Symbols.Length} symbols; {Concurrency} concurrent HTTP clients in this process (they share the machine)");
        report.Notes.Add($"cpu_ms_per_start: silo CPU during the step's starts minus its ticking CPU rate, measured over one tick period just before once the silo settled after creating the step's bots; steady state measured over {window.TotalSeconds:0} s after a settle");
        report.Notes.Add("trades_in_window: trades made or refused in the steady window; the bots of one symbol trade within seconds of each other when its price crosses, and a window with such a burst has the GC pauses of its trades in its capacity API p99");
        report.Notes.Add("rss_kb_per_bot: (RSS - RSS of the fresh silo) / running bots; ticks_per_s: the silo's bot_tick counter (ticks done); cpu_us_per_tick: the silo's CPU in the steady window / ticks done in it (everything the silo did, per tick); lag: the silo's bot_tick_lag histogram, interpolated in its buckets");
        report.Notes.Add("gc_per_s, gc_paused_ms_per_s: the silo's collections (every generation) and the time its GC paused it, per second of the steady window (its gc_collections and gc_pause_time counters): the share of time every request waited out a pause");
        foreach (var storage in storages)
        {
            await RunStorageAsync(storage, steps, window, report);
        }

        return report;
    }

    private static async Task RunStorageAsync(string storage, int[] steps, TimeSpan window, Report report)
    {
        await using var postgres = storage == "postgres" ? await PostgresServer.StartAsync() : null;
        var data = Directory.CreateTempSubdirectory("orleansbots-density-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["ADMIN_TOKEN"] = AdminToken,
            ["DATA_DIR"] = data,
            ["MAX_CONCURRENT_BOTS"] = (steps.Max() + 1000).ToString(),
            ["MAX_BOTS_PER_USER"] = "100000",
            ["Users__MaxOwnedBots"] = "100000",
            ["Cooldowns__BotActionsPerHour"] = "0",
            // The harness is one client address making every user's requests: the per-address limit would refuse it.
            ["RateLimits__Enabled"] = "false",
            ["Orleans__ServiceId"] = $"density-{Guid.NewGuid():N}"[..20],
            // The simulated walk starts with the run: each run meets the same price path the same time after its start,
            // so two runs (before and after a change) trade alike instead of at whatever the clock's path holds.
            ["Market__Epoch"] = DateTimeOffset.UtcNow.ToString("O"),
        };
        if (postgres is not null)
        {
            environment["ConnectionStrings__Postgres"] = postgres.ConnectionString;
        }

        // Settings to compare, e.g. OB_DENSITY_SILO_ENV="Hardware__AutoAdapt=false;Bots__SaveInterval=00:01:00".
        foreach (var setting in (Environment.GetEnvironmentVariable("OB_DENSITY_SILO_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
            environment[key.Trim()] = value.Trim();
        }

        try
        {
            var silo = SiloUnderTest.Start(environment);
            await using (silo)
            {
                await silo.WaitReadyAsync(TimeSpan.FromSeconds(120));
                using var http = silo.CreateHttpClient();
                await Task.Delay(TimeSpan.FromSeconds(5));
                var idleRss = silo.RssBytes();
                var keys = await CreateUsersAsync(http);
                var running = 0;
                var allBots = new List<(string Id, string Key)>();
                foreach (var step in steps)
                {
                    Console.WriteLine($"  {storage}: {running:N0} → {step:N0} bots ...");
                    var bots = await CreateBotsAsync(http, keys, running, step - running);
                    allBots.AddRange(bots);
                    var tickingRate = await SettledCpuRateAsync(silo);
                    var cpuBefore = silo.CpuTime();
                    var clock = Stopwatch.StartNew();
                    var failed = 0;
                    await ForEachAsync(bots, async bot =>
                    {
                        if (!await TrySendAsync(http, HttpMethod.Post, $"api/bots/{bot.Id}/start", bot.Key))
                        {
                            Interlocked.Increment(ref failed);
                        }
                    });
                    var elapsed = clock.Elapsed;
                    var startCpu = silo.CpuTime() - cpuBefore - TimeSpan.FromMilliseconds(tickingRate * elapsed.TotalSeconds);
                    running += bots.Count - failed;

                    await Task.Delay(TimeSpan.FromSeconds(2 * TickSeconds));
                    var steady = await SteadyStateAsync(silo, http, window);
                    report.Add(
                        storage,
                        running,
                        failed,
                        (bots.Count - failed) / elapsed.TotalSeconds,
                        startCpu.TotalMilliseconds / bots.Count,
                        (silo.RssBytes() - idleRss) / 1024.0 / running,
                        steady.TicksPerSecond,
                        running / TickSeconds,
                        steady.CpuMicrosecondsPerTick,
                        steady.LagP50Ms,
                        steady.LagP99Ms,
                        steady.CapacityP50Ms,
                        steady.CapacityP99Ms,
                        steady.Trades,
                        steady.CollectionsPerSecond,
                        steady.PausedMsPerSecond);
                    Console.WriteLine($"    {running:N0} running, {failed:N0} starts failed, {(bots.Count - failed) / elapsed.TotalSeconds:N0} starts/s, {startCpu.TotalMilliseconds / bots.Count:0.00} ms CPU/start, "
                        + $"{(silo.RssBytes() - idleRss) / 1024.0 / running:0.0} KB RSS/bot, {steady.TicksPerSecond:N0} ticks/s at {steady.CpuMicrosecondsPerTick:0} µs CPU each, lag p99 {steady.LagP99Ms:0} ms, capacity p50/p99 {steady.CapacityP50Ms:0.0}/{steady.CapacityP99Ms:0.0} ms, {steady.Trades:N0} trades in the window, GC {steady.CollectionsPerSecond:0.00}/s pausing {steady.PausedMsPerSecond:0.0} ms/s, load {File.ReadAllText("/proc/loadavg").Trim()}");
                }

                if (SoakMinutes() is > 0 and var minutes)
                {
                    await SoakAsync(silo, http, storage, running, idleRss, TimeSpan.FromMinutes(minutes), report);
                }

                if (postgres is not null)
                {
                    await RestartAsync(silo, environment, running, allBots, report);
                }
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static int SoakMinutes() =>
        int.TryParse(Environment.GetEnvironmentVariable("OB_DENSITY_SOAK_MINUTES"), out var minutes) ? minutes : 0;

    /// <summary>
    /// The last step left running for <paramref name="duration"/>: RSS per bot, trades, lag and the capacity API's
    /// latency for every 5 minutes, measured through the whole of each (the API every 50 ms), not in a glimpse of it.
    /// </summary>
    private static async Task SoakAsync(SiloUnderTest silo, HttpClient http, string storage, int running, long idleRss, TimeSpan duration, Report report)
    {
        var sample = TimeSpan.FromMinutes(5);
        var first = await MetricsAsync(http);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var steady = await SteadyStateAsync(silo, http, Min(sample, duration - clock.Elapsed));
            var now = await MetricsAsync(http);
            var line = $"{storage}: soak with {running:N0} bots, after {clock.Elapsed.TotalMinutes:0} min: "
                + $"RSS {(silo.RssBytes() - idleRss) / 1024.0 / running:0.0} KB per bot, {Trades(now) - Trades(first):N0} trades filled since the soak began "
                + $"({Trades(now):N0} in all), {steady.TicksPerSecond:N0} ticks/s at {steady.CpuMicrosecondsPerTick:0} µs CPU each, lag p50/p99 {steady.LagP50Ms:0}/{steady.LagP99Ms:0} ms, "
                + $"capacity p50/p99 {steady.CapacityP50Ms:0.0}/{steady.CapacityP99Ms:0.0} ms ({steady.Trades:N0} trades in those minutes), GC {steady.CollectionsPerSecond:0.00}/s pausing {steady.PausedMsPerSecond:0.0} ms/s, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}";
            Console.WriteLine("    " + line);
            report.Notes.Add(line);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static double Trades(PrometheusText metrics) => metrics.Sum("trades_total", "status=\"filled\"");

    private static double AllTrades(PrometheusText metrics) => metrics.Sum("trades_total");

    /// <summary>
    /// SIGTERM (or SIGKILL, with OB_DENSITY_STOP=kill) with every bot running, then a new silo on the same database: how
    /// long until every bot ticks again. After a kill, bots' states may count fewer trades than their history holds
    /// (a trade saves no state): a sample of bots is checked to count every trade stored before the kill.
    /// </summary>
    private static async Task RestartAsync(SiloUnderTest silo, Dictionary<string, string> environment, int running, IReadOnlyList<(string Id, string Key)> bots, Report report)
    {
        var kill = Environment.GetEnvironmentVariable("OB_DENSITY_STOP") == "kill";
        var sample = bots.Where((_, i) => i % Math.Max(1, bots.Count / 200) == 0).Take(200).ToList();
        Dictionary<string, long> storedBefore = [];
        if (kill)
        {
            using var before = silo.CreateHttpClient();
            storedBefore = await NewestStoredTradesAsync(before, sample);
            await silo.KillAsync();
            report.Notes.Add($"postgres: kill -9 with {running:N0} running bots; of {sample.Count} sampled bots {storedBefore.Values.Count(n => n > 0)} had stored trades (newest numbers up to {storedBefore.Values.DefaultIfEmpty().Max()})");
        }
        else
        {
            var linesBefore = silo.LogLines;
            var stopped = await silo.TerminateAsync(TimeSpan.FromSeconds(120));
            report.Notes.Add(stopped is { } took
                ? $"postgres: SIGTERM with {running:N0} running bots: exited after {took.TotalSeconds:0.0} s, {silo.LogLines - linesBefore:N0} log lines while stopping"
                : $"postgres: SIGTERM with {running:N0} running bots: still running after 120 s, {silo.LogLines - linesBefore:N0} log lines");
        }

        var clock = Stopwatch.StartNew();
        await using var again = SiloUnderTest.Start(environment);
        await again.WaitReadyAsync(TimeSpan.FromSeconds(300));
        var ready = clock.Elapsed;
        using var http = again.CreateHttpClient();
        var due = running / TickSeconds;
        double ticks = 0;
        var deadline = TimeSpan.FromMinutes(5);
        while (clock.Elapsed < deadline)
        {
            var before = await MetricsAsync(http);
            await Task.Delay(TimeSpan.FromSeconds(TickSeconds));
            var after = await MetricsAsync(http);
            ticks = (TickCount(after) - TickCount(before)) / TickSeconds;
            if (ticks >= 0.95 * due)
            {
                break;
            }
        }

        report.Notes.Add($"postgres: restart: ready after {ready.TotalSeconds:0.0} s; {ticks:N0} of {due:N0} ticks/s due after {clock.Elapsed.TotalSeconds:0.0} s ({running / clock.Elapsed.TotalSeconds:N0} bots back per second, measured in {TickSeconds:0} s windows)");
        if (kill)
        {
            var behind = new List<string>();
            await ForEachAsync(sample, async bot =>
            {
                var counted = (await SendAsync(http, HttpMethod.Get, $"api/bots/{bot.Id}", bot.Key)).GetProperty("trades_total").GetInt64();
                if (counted < storedBefore[bot.Id])
                {
                    lock (behind)
                    {
                        behind.Add($"{bot.Id} counts {counted}, stored #{storedBefore[bot.Id]}");
                    }
                }
            });
            report.Notes.Add($"postgres: after the kill, {sample.Count - behind.Count} of {sample.Count} sampled bots count every trade stored before it{(behind.Count > 0 ? ": behind: " + string.Join("; ", behind.Take(5)) : "")}");
        }

        await again.TerminateAsync(TimeSpan.FromSeconds(120));
    }

    private static async Task<Steady> SteadyStateAsync(SiloUnderTest silo, HttpClient http, TimeSpan window)
    {
        var before = await MetricsAsync(http);
        var cpuBefore = silo.CpuTime();
        var clock = Stopwatch.StartNew();
        var latencies = new Latencies();
        while (clock.Elapsed < window)
        {
            var started = Stopwatch.GetTimestamp();
            await SendAsync(http, HttpMethod.Get, "api/admin/capacity", AdminToken);
            latencies.Add(Stopwatch.GetTimestamp() - started);
            await Task.Delay(50);
        }

        var after = await MetricsAsync(http);
        var cpu = silo.CpuTime() - cpuBefore;
        var seconds = clock.Elapsed.TotalSeconds;
        var ticks = TickCount(after) - TickCount(before);
        var lagBefore = before.Buckets("bot_tick_lag_seconds");
        var lagAfter = after.Buckets("bot_tick_lag_seconds");
        return new Steady(
            ticks / seconds,
            ticks > 0 ? cpu.TotalMicroseconds / ticks : 0,
            PrometheusText.PercentileMs(lagBefore, lagAfter, 50),
            PrometheusText.PercentileMs(lagBefore, lagAfter, 99),
            latencies.PercentileMs(50),
            latencies.PercentileMs(99),
            AllTrades(after) - AllTrades(before),
            (Collections(after) - Collections(before)) / seconds,
            1000 * (PausedSeconds(after) - PausedSeconds(before)) / seconds);
    }

    // Generation 0's count counts every collection: each of an older generation collects the younger ones too.
    private static double Collections(PrometheusText metrics) => metrics.Sum("gc_collections_total", "generation=\"0\"");

    private static double PausedSeconds(PrometheusText metrics) => metrics.Sum("gc_pause_time_seconds_total");

    private static double TickCount(PrometheusText metrics) => metrics.Sum("operation_count_total", "operation=\"bot_tick\"");

    private static async Task<PrometheusText> MetricsAsync(HttpClient http) => new(await http.GetStringAsync("metrics"));

    /// <summary>
    /// The silo's CPU rate (ms per second) with nothing but its bots' ticks to do. Creating a step's bots leaves the silo
    /// busy for seconds (compiling what the creations ran hot, saving): a rate measured then was subtracted from the
    /// starts' CPU and made a start look two to three times cheaper than it was. So: 1 s windows until two in a row
    /// agree (at most <see cref="SettleLimit"/>), then one whole tick period, over which ticks are spread.
    /// </summary>
    private static async Task<double> SettledCpuRateAsync(SiloUnderTest silo)
    {
        var waited = Stopwatch.StartNew();
        var previous = await CpuRateAsync(silo, TimeSpan.FromSeconds(1));
        while (waited.Elapsed < SettleLimit)
        {
            var rate = await CpuRateAsync(silo, TimeSpan.FromSeconds(1));
            if (Math.Abs(rate - previous) <= Math.Max(SettledWithinMs, 0.25 * previous))
            {
                break;
            }

            previous = rate;
        }

        return await CpuRateAsync(silo, TimeSpan.FromSeconds(TickSeconds));
    }

    private static async Task<double> CpuRateAsync(SiloUnderTest silo, TimeSpan over)
    {
        var before = silo.CpuTime();
        await Task.Delay(over);
        return (silo.CpuTime() - before).TotalMilliseconds / over.TotalSeconds;
    }

    private static async Task<string[]> CreateUsersAsync(HttpClient http)
    {
        var keys = new string[Users];
        await ForEachAsync(Enumerable.Range(0, Users).ToList(), async i =>
        {
            var created = await SendAsync(http, HttpMethod.Post, "api/admin/users", AdminToken, new { user_id = $"density-{i}" });
            keys[i] = created.GetProperty("api_key").GetString()!;
        });
        return keys;
    }

    private static async Task<List<(string Id, string Key)>> CreateBotsAsync(HttpClient http, string[] keys, int from, int count)
    {
        var bots = new (string Id, string Key)?[Math.Max(0, count)];
        var refused = 0;
        await ForEachAsync(Enumerable.Range(0, bots.Length).ToList(), async i =>
        {
            var n = from + i;
            var key = keys[n % keys.Length];
            try
            {
                var created = await SendAsync(http, HttpMethod.Post, "api/bots", key, new
                {
                    name = $"d{n}",
                    kind = "trading",
                    symbols = new[] { Symbols[n % Symbols.Length] },
                    tick_seconds = TickSeconds,
                });
                bots[i] = (created.GetProperty("bot_id").GetString()!, key);
            }
            catch (Exception error) when (error is InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                // An overloaded silo may refuse or time out a creation: the step goes on with fewer bots, and says why.
                if (Interlocked.Increment(ref refused) == 1)
                {
                    Console.WriteLine($"    a bot creation failed (more may follow): {error.Message}");
                }
            }
        });
        if (refused > 0)
        {
            Console.WriteLine($"    {refused:N0} of {bots.Length:N0} bot creations failed");
        }

        return [.. bots.OfType<(string Id, string Key)>()];
    }

    /// <summary>A start the silo refused or failed (e.g. 503 while it is overloaded) is counted, not retried.</summary>
    private static async Task<bool> TrySendAsync(HttpClient http, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    // Each bot's newest stored trade's number (0 for none): trade ids end in the bot's running count.
    private static async Task<Dictionary<string, long>> NewestStoredTradesAsync(HttpClient http, IReadOnlyList<(string Id, string Key)> bots)
    {
        var newest = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        await ForEachAsync(bots, async bot =>
        {
            var trades = (await SendAsync(http, HttpMethod.Get, $"api/bots/{bot.Id}/trades?limit=1", bot.Key)).GetProperty("trades");
            newest[bot.Id] = trades.GetArrayLength() == 0 ? 0 : long.Parse(trades[0].GetProperty("trade_id").GetString()!.Split('-')[^1], System.Globalization.CultureInfo.InvariantCulture);
        });
        return new Dictionary<string, long>(newest);
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> work) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (item, _) => await work(item));

    private sealed record Steady(double TicksPerSecond, double CpuMicrosecondsPerTick, double LagP50Ms, double LagP99Ms, double CapacityP50Ms, double CapacityP99Ms, double Trades, double CollectionsPerSecond, double PausedMsPerSecond);
}
