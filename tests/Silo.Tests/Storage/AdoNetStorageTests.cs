using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;
using OrleansBots.Bots;
using OrleansBots.Silo.Configuration;
using OrleansBots.Silo.Hosting;
using OrleansBots.Silo.Storage;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Users;

namespace OrleansBots.Silo.Tests.Storage;

/// <summary>
/// Grain state on a real PostgreSQL through the silo's own storage setup. Regression for dotnet/orleans
/// #8746/#9706/#9737: the raw ADO.NET provider gives "42" and "0042" (and "ab" and "AB") one row, and two
/// grain classes with one key one row.
/// </summary>
public sealed class AdoNetStorageTests
{
    private static readonly BotDefinition Definition = new("bot-42", BotKind.Trading, ["BTCUSDT"], 5, 5, 20, 0.01m);

    [RequiresServersFact]
    public async Task StateSurvivesASiloRestartAndLookalikeKeysStayApart()
    {
        await new SchemaMigrator(TestServers.Postgres!, NullLogger.Instance).ApplyAsync(CancellationToken.None);
        var serviceId = SiloEnvironment.NewServiceId("adonet");

        await using (var first = await StartClusterAsync(serviceId))
        {
            var grains = first.Client;
            await grains.GetGrain<IUserGrain>("42").Register([1], new UserLimits(42, null));
            await grains.GetGrain<IUserGrain>("0042").Register([2], new UserLimits(4242, null));
            await grains.GetGrain<IUserGrain>("ab").Register([3], new UserLimits(3, null));
            await grains.GetGrain<IUserGrain>("AB").Register([4], new UserLimits(4, null));
            await grains.GetGrain<IBotGrain>("42").Create("0042", Definition);
            await first.StopAllSilosAsync();
        }

        await using var second = await StartClusterAsync(serviceId);
        var after = second.Client;

        Assert.Equal(42, (await after.GetGrain<IUserGrain>("42").GetProfile())!.MaxBots);
        Assert.Equal(4242, (await after.GetGrain<IUserGrain>("0042").GetProfile())!.MaxBots);
        Assert.Equal(3, (await after.GetGrain<IUserGrain>("ab").GetProfile())!.MaxBots);
        Assert.Equal(4, (await after.GetGrain<IUserGrain>("AB").GetProfile())!.MaxBots);
        Assert.Equal(KeyCheck.Valid, await after.GetGrain<IUserGrain>("42").CheckKey([1]));
        Assert.Equal(KeyCheck.Invalid, await after.GetGrain<IUserGrain>("42").CheckKey([2]));
        var bot = await after.GetGrain<IBotGrain>("42").GetInfo();
        Assert.Equal(("bot-42", "0042"), (bot!.Definition.Name, bot.UserId));
        Assert.Equal(["42"], (await after.GetGrain<IUserGrain>("0042").GetProfile())!.BotIds);
        Assert.Empty((await after.GetGrain<IUserGrain>("42").GetProfile())!.BotIds);
        Assert.Null(await after.GetGrain<IBotGrain>("0042").GetInfo());
    }

    private static async Task<InProcessTestCluster> StartClusterAsync(string serviceId)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            OrleansSetup.ConfigureStorage(silo, new StorageSettings(TestServers.Postgres, null));
            silo.Services.AddPlatform();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
