using Npgsql;
using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Hosting;

/// <summary>PostgreSQL goes away for a while (cut at a proxy); running bots must keep running.</summary>
public sealed class StorageOutageTests
{
    [RequiresServersFact]
    public async Task RunningBotsKeepRunningThroughAPostgresOutageAndStayCountedOnce()
    {
        var real = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        await using var proxy = new TcpProxy("127.0.0.1", real.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Port = proxy.Port, Timeout = 3 }.ConnectionString;
        using var data = new TempFolder();
        var environment = SiloEnvironment.Durable(SiloEnvironment.NewServiceId("outage"), data.Path);
        environment["ConnectionStrings__Postgres"] = throughProxy;
        environment["Bots__SaveInterval"] = "00:00:01";
        await using var silo = SiloProcess.Start(environment);
        await silo.WaitReadyAsync();
        using var http = silo.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken);
        var bots = new List<(OrleansBotsUserClient User, string BotId)>();
        for (var i = 0; i < 3; i++)
        {
            var key = (await admin.CreateUserAsync(new CreateUserRequest($"outage-{i}"))).ApiKey;
            var user = new OrleansBotsUserClient(http, key);
            var bot = await user.CreateBotAsync(new CreateBotRequest("steady", "trading", ["BTCUSDT"], 0.5));
            await user.StartBotAsync(bot.BotId);
            bots.Add((user, bot.BotId));
        }

        proxy.Cut();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var duringOutage = await Task.WhenAll(bots.Select(b => b.User.GetBotAsync(b.BotId)));
        proxy.Restore();
        var after = await Eventually.Get(
            () => Task.WhenAll(bots.Select(b => b.User.GetBotAsync(b.BotId))),
            now => now.Zip(duringOutage).All(pair => pair.First.Ticks > pair.Second.Ticks),
            TimeSpan.FromSeconds(30),
            "every bot ticking after the outage");
        var capacity = await admin.GetCapacityAsync();

        Assert.All(duringOutage, b => Assert.Equal("running", b.Status));
        Assert.All(after, b => Assert.Equal("running", b.Status));
        Assert.Equal(3, capacity.Capacity.CurrentBots);
        Assert.Contains("keeps running through an outage", silo.Log);
    }
}
