using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Sdk;

/// <summary>
/// One real silo for the SDK's tests (the embedded default: in memory, alone), with room for two running bots so a
/// test can fill it, ticks as short as 0.2 s so bots trade within seconds, and chat bots that answer as fast as asked.
/// </summary>
public sealed class SdkSiloFixture : IAsyncLifetime
{
    public const int MaxBots = 2;

    /// <summary>Events one SSE connection may hold (<c>Events__ConnectionBuffer</c>), small so a test can outrun it.</summary>
    public const int EventBuffer = 32;

    private readonly TempFolder _data = new();

    public SiloProcess Silo { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public OrleansBotsAdminClient Admin => new(Http, SiloEnvironment.AdminToken);

    public async Task InitializeAsync()
    {
        Silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["DATA_DIR"] = _data.Path,
            ["ADMIN_TOKEN"] = SiloEnvironment.AdminToken,
            ["MAX_CONCURRENT_BOTS"] = MaxBots.ToString(),
            ["MAX_BOTS_PER_USER"] = MaxBots.ToString(),
            ["Capacity__RenewInterval"] = "00:00:01",
            ["Capacity__LeaseDuration"] = "00:00:04",
            ["Bots__MinTickSeconds"] = "0.2",
            ["Events__CapacityInterval"] = "00:00:00.100",
            ["Events__ConnectionBuffer"] = EventBuffer.ToString(),
            ["MAX_SIGNALS_PER_MINUTE"] = "100000",
        });
        await Silo.WaitReadyAsync();
        Http = Silo.CreateHttpClient();
    }

    /// <summary>A new user with a unique id and a client that speaks with their API key.</summary>
    public async Task<(string UserId, OrleansBotsUserClient Client)> NewUserAsync(string name, int? maxBots = null, HttpClient? http = null)
    {
        var userId = $"{name}-{Guid.NewGuid():N}"[..20];
        var created = await Admin.CreateUserAsync(new CreateUserRequest(userId, maxBots));
        return (userId, new OrleansBotsUserClient(http ?? Http, created.ApiKey));
    }

    /// <summary>A trading bot that trades every few ticks: short windows on 0.2 s ticks (or <paramref name="tickSeconds"/>).</summary>
    public static CreateBotRequest Trader(string name, double tickSeconds = 0.2) =>
        new(name, Symbols: ["BTCUSDT"], TickSeconds: tickSeconds, ShortWindow: 2, LongWindow: 3);

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        await Silo.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SdkSiloCollection : ICollectionFixture<SdkSiloFixture>
{
    public const string Name = "sdk silo";
}
