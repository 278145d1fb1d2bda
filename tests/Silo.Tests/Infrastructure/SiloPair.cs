using System.Net;
using OrleansBots.Client;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>Two silo processes in one cluster over the test Redis, with state on the test PostgreSQL.</summary>
public sealed class SiloPair : IAsyncDisposable
{
    private readonly TempFolder _dataA = new();
    private readonly TempFolder _dataB = new();

    private readonly string _serviceId;
    private readonly IReadOnlyDictionary<string, string> _extra;

    private SiloPair(string serviceId, IReadOnlyDictionary<string, string>? extra)
    {
        _serviceId = serviceId;
        _extra = extra ?? new Dictionary<string, string>();
    }

    public SiloProcess A { get; private set; } = null!;

    public SiloProcess B { get; private set; } = null!;

    public IReadOnlyList<SiloProcess> Both => [A, B];

    /// <summary>Starts both silos, waits until each sees the other, and sets the platform's maximum.</summary>
    /// <param name="extra">More settings for both silos (e.g. a fake chat server's address).</param>
    public static async Task<SiloPair> StartAsync(string name, int maxConcurrentBots, IReadOnlyDictionary<string, string>? extra = null)
    {
        var pair = await StartFirstAsync(name, maxConcurrentBots, extra);
        try
        {
            await pair.StartSecondAsync();
            return pair;
        }
        catch
        {
            // The caller never gets the pair to dispose: without this, silo A outlives the test.
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts silo A alone (every grain lands on it) and sets the platform's maximum.</summary>
    public static async Task<SiloPair> StartFirstAsync(string name, int maxConcurrentBots, IReadOnlyDictionary<string, string>? extra = null)
    {
        var pair = new SiloPair(SiloEnvironment.NewServiceId(name), extra);
        try
        {
            pair.A = SiloProcess.Start(pair.Environment(pair._dataA.Path));
            await pair.A.WaitReadyAsync();
            using var http = pair.A.CreateHttpClient();
            await new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken).ChangeLimitsAsync(new LimitsRequest(MaxConcurrentBots: maxConcurrentBots));
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts silo B and waits until both silos see each other.</summary>
    public async Task StartSecondAsync()
    {
        B = SiloProcess.Start(Environment(_dataB.Path));
        await B.WaitReadyAsync();
        using var http = A.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken);
        await Eventually.Get(() => admin.GetHealthAsync(), h => h.Silos.Count == 2, TimeSpan.FromSeconds(30), "both silos in the cluster");
    }

    private Dictionary<string, string> Environment(string dataFolder)
    {
        var environment = SiloEnvironment.Durable(_serviceId, dataFolder, redis: true);
        foreach (var (key, value) in _extra)
        {
            environment[key] = value;
        }

        return environment;
    }

    public SiloProcess Hosting(string siloAddress) => Both.Single(s => siloAddress.Contains($":{s.SiloPort}:", StringComparison.Ordinal));

    /// <summary>Starts a bot and answers 200, or the status code the platform refused it with.</summary>
    public static async Task<HttpStatusCode> TryStartAsync(OrleansBotsUserClient client, string botId)
    {
        try
        {
            await client.StartBotAsync(botId);
            return HttpStatusCode.OK;
        }
        catch (OrleansBotsApiException refused)
        {
            return refused.StatusCode;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (B is not null)
        {
            await B.DisposeAsync();
        }
        _dataA.Dispose();
        _dataB.Dispose();
    }
}
