using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Cli.Tests;

/// <summary>One real silo (the embedded default) with room for two running bots, for the tool's end-to-end tests.</summary>
public sealed class CliFixture : IAsyncLifetime
{
    public const int MaxBots = 2;
    public const string AdminToken = "cli-admin-token-0123456789abcdef01";

    private readonly TempFolder _data = new();

    public SiloProcess Silo { get; private set; } = null!;

    public string Server => Silo.BaseAddress.AbsoluteUri.TrimEnd('/');

    public async Task InitializeAsync()
    {
        Silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["DATA_DIR"] = _data.Path,
            ["ADMIN_TOKEN"] = AdminToken,
            ["MAX_CONCURRENT_BOTS"] = MaxBots.ToString(),
            ["MAX_BOTS_PER_USER"] = "5",
        });
        await Silo.WaitReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliFixture>
{
    public const string Name = "cli silo";
}
