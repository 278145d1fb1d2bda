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

    private SiloPair(string serviceId) => _serviceId = serviceId;

    public SiloProcess A { get; private set; } = null!;

    public SiloProcess B { get; private set; } = null!;

    public IReadOnlyList<SiloProcess> Both => [A, B];

    /// <summary>Starts both silos, waits until each sees the other, and sets the platform's maximum.</summary>
    public static async Task<SiloPair> StartAsync(string name, int maxConcurrentBots)
    {
        var pair = await StartFirstAsync(name, maxConcurrentBots);
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
    public static async Task<SiloPair> StartFirstAsync(string name, int maxConcurrentBots)
    {
        var pair = new SiloPair(SiloEnvironment.NewServiceId(name));
        try
        {
            pair.A = SiloProcess.Start(SiloEnvironment.Durable(pair._serviceId, pair._dataA.Path, redis: true));
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
        B = SiloProcess.Start(SiloEnvironment.Durable(_serviceId, _dataB.Path, redis: true));
        await B.WaitReadyAsync();
        using var http = A.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken);
        await Eventually.Get(() => admin.GetHealthAsync(), h => h.Silos.Count == 2, TimeSpan.FromSeconds(30), "both silos in the cluster");
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
