using Npgsql;
using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Hosting;

/// <summary>PostgreSQL goes away for a while (cut at a proxy, as a restart of the server looks to the silo).</summary>
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

    [RequiresServersFact]
    public async Task BotsStartedAndCreatedWhilePostgresRestartsAreServedOnceItIsBackWithoutAnError()
    {
        var real = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        await using var proxy = new TcpProxy("127.0.0.1", real.Port);
        using var data = new TempFolder();
        var environment = SiloEnvironment.Durable(SiloEnvironment.NewServiceId("pg-restart"), data.Path);
        environment["ConnectionStrings__Postgres"] = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Port = proxy.Port }.ConnectionString;

        // A running bot saving every second uses the silo's connections, as on a platform with running bots: the first
        // use of a connection the restart closed meets the outage, and Npgsql then drops the connections kept open.
        environment["Bots__SaveInterval"] = "00:00:01";
        await using var silo = SiloProcess.Start(environment);
        await silo.WaitReadyAsync();
        using var http = silo.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken);
        var users = new List<OrleansBotsUserClient>();
        for (var i = 0; i < 3; i++)
        {
            users.Add(new OrleansBotsUserClient(http, (await admin.CreateUserAsync(new CreateUserRequest($"pg-restart-{i}"))).ApiKey));
        }

        var running = await users[0].CreateBotAsync(new CreateBotRequest("busy", "trading", ["BTCUSDT"], 0.5));
        await users[0].StartBotAsync(running.BotId);
        var waiting = await users[1].CreateBotAsync(new CreateBotRequest("waiting", "trading", ["BTCUSDT"], 0.5));

        proxy.Cut();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var start = users[1].StartBotAsync(waiting.BotId);
        var create = users[2].CreateBotAsync(new CreateBotRequest("new", "trading", ["ETHUSDT"], 0.5));
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        var stillWaiting = !start.IsCompleted && !create.IsCompleted;
        proxy.Restore();

        var started = await start;
        var created = await create;
        Assert.True(stillWaiting, "the start and the creation answered while PostgreSQL was down");
        Assert.Equal("running", started.Status);
        Assert.Equal("created", created.Status);
        Assert.Equal("running", (await users[0].GetBotAsync(running.BotId)).Status);
        Assert.Equal(2, (await admin.GetCapacityAsync()).Capacity.CurrentBots);
    }
}
