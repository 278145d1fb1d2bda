using OrleansBots.Client;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>One silo process in memory (no PostgreSQL, no Redis) with settings of the test's own, e.g. fake servers' addresses.</summary>
public sealed class SingleSilo : IAsyncDisposable
{
    private readonly TempFolder _data = new();

    private SingleSilo(IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["DATA_DIR"] = _data.Path,
            ["ADMIN_TOKEN"] = SiloEnvironment.AdminToken,
            ["Capacity__RenewInterval"] = "00:00:01",
            ["Capacity__LeaseDuration"] = "00:00:04",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        Process = SiloProcess.Start(environment);
        Http = Process.CreateHttpClient();
    }

    public SiloProcess Process { get; }

    public HttpClient Http { get; }

    public OrleansBotsAdminClient Admin => new(Http, SiloEnvironment.AdminToken);

    public static async Task<SingleSilo> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var silo = new SingleSilo(settings);
        try
        {
            await silo.Process.WaitReadyAsync();
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a user and answers their API key and a client that speaks with it.</summary>
    public async Task<(string ApiKey, OrleansBotsUserClient Client)> NewUserAsync(string name)
    {
        var created = await Admin.CreateUserAsync(new CreateUserRequest($"{name}-{Guid.NewGuid():N}"[..20]));
        return (created.ApiKey, new OrleansBotsUserClient(Http, created.ApiKey));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
        _data.Dispose();
    }
}
