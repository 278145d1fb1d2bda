using Npgsql;
using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Chaos;

/// <summary>
/// N real silo processes on a Redis of the cluster's own (so it can be restarted) and on the test PostgreSQL
/// behind a <see cref="TcpProxy"/> (so it can be cut off as in a restart of the server, without stopping the
/// server other tests share). The silos run with the platform's default capacity and membership settings.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private readonly List<ChaosSilo> _silos = [];
    private readonly string _serviceId = SiloEnvironment.NewServiceId("chaos");
    private readonly IReadOnlyDictionary<string, string> _overrides;
    private RedisProcess _redis = null!;
    private TcpProxy _postgres = null!;

    private ChaosCluster(IReadOnlyDictionary<string, string> overrides) => _overrides = overrides;

    public IReadOnlyList<ChaosSilo> Silos => _silos;

    public IEnumerable<ChaosSilo> Up => _silos.Where(s => s.IsUp);

    public static async Task<ChaosCluster> StartAsync(int silos, int maxConcurrentBots, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var cluster = new ChaosCluster(overrides ?? new Dictionary<string, string>());
        cluster._redis = await RedisProcess.StartAsync();
        var postgres = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        cluster._postgres = new TcpProxy(postgres.Host!, postgres.Port);

        // The first silo alone creates the schema and the capacity grain; the others join it together.
        cluster._silos.Add(await cluster.StartSiloAsync(0, null));
        using (var http = cluster._silos[0].Process.CreateHttpClient())
        {
            await new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken).ChangeLimitsAsync(new LimitsRequest(MaxConcurrentBots: maxConcurrentBots));
        }

        var others = await Task.WhenAll(Enumerable.Range(1, silos - 1).Select(slot => cluster.StartSiloAsync(slot, null)));
        cluster._silos.AddRange(others);
        await cluster.WaitForMembersAsync(silos);
        return cluster;
    }

    public HttpClient AdminHttp(ChaosSilo silo) => silo.Process.CreateHttpClient();

    /// <summary>The silo that hosts the capacity grain now, as a surviving silo reports it.</summary>
    public async Task<ChaosSilo?> CapacityHostAsync()
    {
        foreach (var silo in Up)
        {
            try
            {
                using var http = silo.Process.CreateHttpClient();
                http.Timeout = TimeSpan.FromSeconds(10);
                var stats = await new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken).GetStatsAsync();
                return _silos.FirstOrDefault(s => s.Hosts(stats.CapacityHost));
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or OrleansBotsApiException)
            {
                // Ask the next one.
            }
        }

        return null;
    }

    public async Task KillAsync(ChaosSilo silo)
    {
        silo.Became(SiloCondition.Down);
        await silo.Process.KillAsync();
    }

    public void Terminate(ChaosSilo silo)
    {
        silo.Became(SiloCondition.Stopping);
        silo.Process.Terminate();
    }

    public void Freeze(ChaosSilo silo)
    {
        silo.Became(SiloCondition.Frozen);
        silo.Process.Freeze();
    }

    /// <summary>SIGCONT; a silo declared dead meanwhile stops by itself, which the caller waits for.</summary>
    public void Thaw(ChaosSilo silo) => silo.Process.Thaw();

    /// <summary>Starts the slot again, on its old ports or on new ones, once its process is gone.</summary>
    public async Task RestartAsync(ChaosSilo silo, bool samePorts)
    {
        silo.Became(SiloCondition.Down);
        if (!silo.Process.HasExited)
        {
            await silo.Process.KillAsync();
        }

        var old = silo.Process;
        var next = await StartSiloAsync(silo.Slot, samePorts ? old.Ports : null, silo.Data);
        await old.DisposeAsync();
        silo.Replaced(next.Process);
    }

    public Task RestartRedisAsync(TimeSpan down) => _redis.RestartAsync(down);

    /// <summary>Every PostgreSQL connection dropped and refused for <paramref name="down"/>, as in a restart of the server.</summary>
    public async Task RestartPostgresAsync(TimeSpan down)
    {
        _postgres.Cut();
        await Task.Delay(down);
        _postgres.Restore();
    }

    public async Task WaitForMembersAsync(int count)
    {
        using var http = Up.First().Process.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken);
        await Eventually.Get(() => admin.GetHealthAsync(), h => h.Silos.Count == count, TimeSpan.FromSeconds(90), $"{count} silos in the cluster");
    }

    /// <summary>Until the cluster, as another silo up sees it, lists <paramref name="silo"/> among its silos.</summary>
    public async Task WaitForMemberAsync(ChaosSilo silo)
    {
        using var http = Up.First(s => s != silo).Process.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken);
        await Eventually.Get(() => admin.GetHealthAsync(), h => h.Silos.Any(s => silo.Hosts(s.Address) && s.Status == "active"), TimeSpan.FromSeconds(90), $"{silo.Name} in the cluster");
    }

    /// <summary>The logs of every silo that ran in a place, for a failure message.</summary>
    public string Logs(int lastLines) => string.Join("\n", _silos.Select(s =>
        $"--- {s.Name} ({s.Condition})\n" + string.Join("\n", s.Process.Log.Split('\n').TakeLast(lastLines))));

    /// <summary>Every silo's whole log, the earlier processes of its place first, into <paramref name="folder"/>.</summary>
    public async Task SaveLogsAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var silo in _silos)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"silo{silo.Slot}.log"), $"{silo.EarlierLogs}===== {silo.Name}\n{silo.Process.Log}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.Process.DisposeAsync();
            silo.Data.Dispose();
        }

        await _postgres.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private async Task<ChaosSilo> StartSiloAsync(int slot, SiloPorts? ports, TempFolder? data = null)
    {
        data ??= new TempFolder();
        var process = SiloProcess.Start(Environment(data.Path), ports: ports);
        try
        {
            await process.WaitReadyAsync(TimeSpan.FromSeconds(240));
        }
        catch
        {
            // Not in the cluster's list yet, so nothing else would stop it.
            await process.DisposeAsync();
            throw;
        }

        return new ChaosSilo(slot, process, data);
    }

    private Dictionary<string, string> Environment(string dataFolder)
    {
        var environment = SiloEnvironment.Durable(_serviceId, dataFolder);
        var postgres = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Port = _postgres.Port };
        environment["ConnectionStrings__Postgres"] = postgres.ConnectionString;
        environment["ConnectionStrings__Redis"] = _redis.ConnectionString;

        // The platform's own lease timing, as an operator runs it (the other process tests shorten it).
        environment.Remove("Capacity__RenewInterval");
        environment.Remove("Capacity__LeaseDuration");

        // Every simulated user calls from 127.0.0.1: the harness reads 300 bots a second, over the per-address limit
        // (6,000 a minute) whenever a silo is down and the others take its share, and its final check then met 429.
        environment["RateLimits__PerAddressPermits"] = "1000000";

        // Suspicions, votes and evictions in the logs: the report's stages show when a silo was voted dead.
        environment["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information";
        foreach (var (key, value) in _overrides)
        {
            environment[key] = value;
        }

        return environment;
    }
}
