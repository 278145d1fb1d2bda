using System.Net;
using OrleansBots.Client;
using OrleansBots.Http;

namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>Two silo processes in one cluster over the test Redis, with state on the test PostgreSQL.</summary>
public sealed class SiloPair : IAsyncDisposable
{
    private readonly TempFolder _dataA = new();
    private readonly TempFolder _dataB = new();

    private SiloPair()
    {
    }

    public SiloProcess A { get; private set; } = null!;

    public SiloProcess B { get; private set; } = null!;

    public IReadOnlyList<SiloProcess> Both => [A, B];

    /// <summary>Starts both silos, waits until each sees the other, and sets the platform's maximum.</summary>
    public static async Task<SiloPair> StartAsync(string name, int maxConcurrentBots)
    {
        var pair = new SiloPair();
        var serviceId = SiloEnvironment.NewServiceId(name);
        pair.A = SiloProcess.Start(SiloEnvironment.Durable(serviceId, pair._dataA.Path, redis: true));
        await pair.A.WaitReadyAsync();
        pair.B = SiloProcess.Start(SiloEnvironment.Durable(serviceId, pair._dataB.Path, redis: true));
        await pair.B.WaitReadyAsync();
        using var http = pair.A.CreateHttpClient();
        var admin = new OrleansBotsClient(http, SiloEnvironment.AdminToken);
        await Eventually.Get(() => admin.GetHealthAsync(), h => h.Silos.Count == 2, TimeSpan.FromSeconds(30), "both silos in the cluster");
        await admin.ChangeLimitsAsync(new LimitsRequest(MaxConcurrentBots: maxConcurrentBots));
        return pair;
    }

    public SiloProcess Hosting(string siloAddress) => Both.Single(s => siloAddress.Contains($":{s.SiloPort}:", StringComparison.Ordinal));

    /// <summary>Starts a bot and answers 200, or the status code the platform refused it with.</summary>
    public static async Task<HttpStatusCode> TryStartAsync(OrleansBotsClient client, string botId)
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
        await A.DisposeAsync();
        await B.DisposeAsync();
        _dataA.Dispose();
        _dataB.Dispose();
    }
}
