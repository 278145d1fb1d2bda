using System.Net;
using OrleansBots.Client;
using OrleansBots.Http;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Hosting;

/// <summary>Two silo processes clustered over a real Redis with state on PostgreSQL.</summary>
public sealed class RedisClusterTests
{
    private static readonly CreateBotRequest Bot = new("clustered", "trading", ["BTCUSDT"], 1);

    [RequiresServersFact(redis: true)]
    public async Task TwoSilosTogetherAdmitExactlyTheMaximum()
    {
        using var dataA = new TempFolder();
        using var dataB = new TempFolder();
        var serviceId = SiloEnvironment.NewServiceId("pair");
        await using var siloA = SiloProcess.Start(SiloEnvironment.Durable(serviceId, dataA.Path, redis: true));
        await siloA.WaitReadyAsync();
        await using var siloB = SiloProcess.Start(SiloEnvironment.Durable(serviceId, dataB.Path, redis: true));
        await siloB.WaitReadyAsync();
        using var httpA = siloA.CreateHttpClient();
        using var httpB = siloB.CreateHttpClient();
        var adminA = new OrleansBotsClient(httpA, SiloEnvironment.AdminToken);
        await Eventually.Get(() => adminA.GetHealthAsync(), h => h.Silos.Count == 2, TimeSpan.FromSeconds(30), "both silos in the cluster");
        await adminA.ChangeLimitsAsync(new LimitsRequest(MaxConcurrentBots: 10));

        var users = new List<(OrleansBotsClient Client, string BotId)>();
        for (var i = 0; i < 30; i++)
        {
            var http = i % 2 == 0 ? httpA : httpB;
            var key = (await new OrleansBotsClient(http, SiloEnvironment.AdminToken).CreateUserAsync(new CreateUserRequest($"pair-user-{i}"))).ApiKey;
            var client = new OrleansBotsClient(http, key);
            users.Add((client, (await client.CreateBotAsync(Bot)).BotId));
        }

        var outcomes = await Task.WhenAll(users.Select(async u =>
        {
            try
            {
                await u.Client.StartBotAsync(u.BotId);
                return HttpStatusCode.OK;
            }
            catch (OrleansBotsApiException refused)
            {
                return refused.StatusCode;
            }
        }));

        Assert.Equal(10, outcomes.Count(o => o == HttpStatusCode.OK));
        Assert.Equal(20, outcomes.Count(o => o == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(10, (await adminA.GetCapacityAsync()).Capacity.CurrentBots);
        Assert.Equal(10, (await new OrleansBotsClient(httpB, SiloEnvironment.AdminToken).GetCapacityAsync()).Capacity.CurrentBots);
    }

    [RequiresServersFact(redis: true)]
    public async Task ABotWhoseSiloDiesRunsAgainOnTheSurvivorByItselfCountedOnce()
    {
        using var dataA = new TempFolder();
        using var dataB = new TempFolder();
        var serviceId = SiloEnvironment.NewServiceId("failover");
        await using var siloA = SiloProcess.Start(SiloEnvironment.Durable(serviceId, dataA.Path, redis: true));
        await siloA.WaitReadyAsync();
        await using var siloB = SiloProcess.Start(SiloEnvironment.Durable(serviceId, dataB.Path, redis: true));
        await siloB.WaitReadyAsync();
        var silos = new[] { siloA, siloB };
        using var httpA = siloA.CreateHttpClient();
        var admin = new OrleansBotsClient(httpA, SiloEnvironment.AdminToken);
        await Eventually.Get(() => admin.GetHealthAsync(), h => h.Silos.Count == 2, TimeSpan.FromSeconds(30), "both silos in the cluster");
        await admin.ChangeLimitsAsync(new LimitsRequest(MaxConcurrentBots: 10));

        var bots = new List<(string Key, BotView Bot)>();
        for (var i = 0; i < 6; i++)
        {
            var key = (await admin.CreateUserAsync(new CreateUserRequest($"failover-user-{i}"))).ApiKey;
            var client = new OrleansBotsClient(httpA, key);
            var bot = await client.CreateBotAsync(Bot);
            bots.Add((key, await client.StartBotAsync(bot.BotId)));
        }

        // Kill the silo that hosts the first bot; the capacity grain may live on either silo.
        var victim = silos.Single(s => bots[0].Bot.Silo!.Contains($":{s.SiloPort}:", StringComparison.Ordinal));
        var survivor = silos.Single(s => s != victim);
        var orphans = bots.Where(b => b.Bot.Silo!.Contains($":{victim.SiloPort}:", StringComparison.Ordinal)).ToList();
        await victim.KillAsync();
        using var httpSurvivor = survivor.CreateHttpClient();
        var adminSurvivor = new OrleansBotsClient(httpSurvivor, SiloEnvironment.AdminToken);
        await Eventually.Get(() => adminSurvivor.GetHealthAsync(), h => h.Silos.Count == 1, TimeSpan.FromSeconds(60), "the dead silo declared dead");

        // Only the survivor's capacity grain calls the orphans; the test reads them once they had time to come back.
        await Task.Delay(TimeSpan.FromSeconds(12));
        var capacity = await adminSurvivor.GetCapacityAsync();
        foreach (var (key, bot) in orphans)
        {
            var askedAt = DateTimeOffset.UtcNow;
            var now = await new OrleansBotsClient(httpSurvivor, key).GetBotAsync(bot.BotId);
            Assert.Equal("running", now.Status);
            Assert.Contains($":{survivor.SiloPort}:", now.Silo);
            Assert.True(now.LastTickAt > askedAt - TimeSpan.FromSeconds(2.5), $"bot {bot.BotId} last ticked at {now.LastTickAt:O}: it did not resume by itself");
        }

        Assert.NotEmpty(orphans);
        Assert.Equal(6, capacity.Capacity.CurrentBots);
    }

    [RequiresServersFact(redis: true)]
    public async Task WhenTheSiloHostingCapacityDiesItComesBackElsewhereAndStillNeverOverAdmits()
    {
        using var dataA = new TempFolder();
        using var dataB = new TempFolder();
        var serviceId = SiloEnvironment.NewServiceId("crash");
        await using var siloA = SiloProcess.Start(SiloEnvironment.Durable(serviceId, dataA.Path, redis: true));
        await siloA.WaitReadyAsync();
        await using var siloB = SiloProcess.Start(SiloEnvironment.Durable(serviceId, dataB.Path, redis: true));
        await siloB.WaitReadyAsync();
        var silos = new[] { siloA, siloB };
        using var httpA = siloA.CreateHttpClient();
        var admin = new OrleansBotsClient(httpA, SiloEnvironment.AdminToken);
        await Eventually.Get(() => admin.GetHealthAsync(), h => h.Silos.Count == 2, TimeSpan.FromSeconds(30), "both silos in the cluster");
        await admin.ChangeLimitsAsync(new LimitsRequest(MaxConcurrentBots: 4));

        var keys = new List<string>();
        var bots = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            keys.Add((await admin.CreateUserAsync(new CreateUserRequest($"crash-user-{i}"))).ApiKey);
            bots.Add((await new OrleansBotsClient(httpA, keys[i]).CreateBotAsync(Bot)).BotId);
        }

        for (var i = 0; i < 3; i++)
        {
            await new OrleansBotsClient(httpA, keys[i]).StartBotAsync(bots[i]);
        }

        var host = (await admin.GetStatsAsync()).CapacityHost;
        var victim = silos.Single(s => host.Contains($":{s.SiloPort}:", StringComparison.Ordinal));
        var survivor = silos.Single(s => s != victim);
        await victim.KillAsync();

        using var httpSurvivor = survivor.CreateHttpClient();
        var adminSurvivor = new OrleansBotsClient(httpSurvivor, SiloEnvironment.AdminToken);
        var stats = await Eventually.Get(
            () => adminSurvivor.GetStatsAsync(),
            s => !s.CapacityHost.Contains($":{victim.SiloPort}:", StringComparison.Ordinal) && s.Capacity.CurrentBots == 3,
            TimeSpan.FromSeconds(60),
            "capacity reactivated on the survivor with the three running bots");

        var lateStarts = await Task.WhenAll(new[] { 3, 4, 5 }.Select(async i =>
        {
            try
            {
                await new OrleansBotsClient(httpSurvivor, keys[i]).StartBotAsync(bots[i]);
                return HttpStatusCode.OK;
            }
            catch (OrleansBotsApiException refused)
            {
                return refused.StatusCode;
            }
        }));

        Assert.Equal(4, stats.Capacity.MaxBots);
        Assert.Equal(1, lateStarts.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, lateStarts.Count(s => s == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(4, (await adminSurvivor.GetCapacityAsync()).Capacity.CurrentBots);
        for (var i = 0; i < 3; i++)
        {
            var bot = await Eventually.Get(
                () => new OrleansBotsClient(httpSurvivor, keys[i]).GetBotAsync(bots[i]),
                b => b.Status == "running",
                TimeSpan.FromSeconds(30),
                $"bot {i} running after the crash");
            Assert.Equal("running", bot.Status);
        }
    }
}
