using System.Net;
using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Hosting;

/// <summary>Two silo processes clustered over a real Redis with state on PostgreSQL.</summary>
public sealed class RedisClusterTests
{
    private static readonly CreateBotRequest Bot = new("clustered", "trading", ["BTCUSDT"], 1);

    [RequiresServersFact(redis: true)]
    public async Task TwoSilosTogetherAdmitExactlyTheMaximum()
    {
        await using var pair = await SiloPair.StartAsync("pair", maxConcurrentBots: 10);
        using var httpA = pair.A.CreateHttpClient();
        using var httpB = pair.B.CreateHttpClient();

        var users = new List<(OrleansBotsUserClient Client, string BotId)>();
        for (var i = 0; i < 30; i++)
        {
            var http = i % 2 == 0 ? httpA : httpB;
            var key = (await new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken).CreateUserAsync(new CreateUserRequest($"pair-user-{i}"))).ApiKey;
            var client = new OrleansBotsUserClient(http, key);
            users.Add((client, (await client.CreateBotAsync(Bot)).BotId));
        }

        var outcomes = await Task.WhenAll(users.Select(u => SiloPair.TryStartAsync(u.Client, u.BotId)));

        Assert.Equal(10, outcomes.Count(o => o == HttpStatusCode.OK));
        Assert.Equal(20, outcomes.Count(o => o == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(10, (await new OrleansBotsAdminClient(httpA, SiloEnvironment.AdminToken).GetCapacityAsync()).Capacity.CurrentBots);
        Assert.Equal(10, (await new OrleansBotsAdminClient(httpB, SiloEnvironment.AdminToken).GetCapacityAsync()).Capacity.CurrentBots);
    }

    [RequiresServersFact(redis: true)]
    public async Task ABotWhoseSiloDiesRunsAgainOnTheSurvivorByItselfCountedOnce()
    {
        await using var pair = await SiloPair.StartAsync("failover", maxConcurrentBots: 10);
        using var httpA = pair.A.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(httpA, SiloEnvironment.AdminToken);
        var keys = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var key = (await admin.CreateUserAsync(new CreateUserRequest($"failover-user-{i}"))).ApiKey;
            var client = new OrleansBotsUserClient(httpA, key);
            await client.StartBotAsync((await client.CreateBotAsync(Bot)).BotId);
            keys.Add(key);
        }

        // Kill the silo that hosts the first bot; the capacity grain may live on either silo.
        var before = await Task.WhenAll(keys.Select(async key => (await new OrleansBotsUserClient(httpA, key).ListBotsAsync()).Single()));
        var victim = pair.Hosting(before[0].Silo!);
        var survivor = pair.Both.Single(s => s != victim);
        var orphans = before.Where(b => pair.Hosting(b.Silo!) == victim).Select(b => b.BotId).ToHashSet();
        var killedAt = DateTimeOffset.UtcNow;
        await victim.KillAsync();
        using var httpSurvivor = survivor.CreateHttpClient();
        var adminSurvivor = new OrleansBotsAdminClient(httpSurvivor, SiloEnvironment.AdminToken);
        await Eventually.Get(() => adminSurvivor.GetHealthAsync(), h => h.Silos.Count == 1, TimeSpan.FromSeconds(60), "the dead silo declared dead");

        // Only the survivor's capacity grain calls the orphans; the test reads them once they had time to come
        // back. A bot woken by this read instead would show its last tick from before the kill.
        await Task.Delay(TimeSpan.FromSeconds(20));
        var after = new List<BotView>();
        foreach (var (key, bot) in keys.Zip(before))
        {
            after.Add(await new OrleansBotsUserClient(httpSurvivor, key).GetBotAsync(bot.BotId));
        }

        var capacity = await adminSurvivor.GetCapacityAsync();
        Assert.All(after, bot => Assert.Equal("running", bot.Status));
        Assert.All(after, bot => Assert.Same(survivor, pair.Hosting(bot.Silo!)));
        Assert.All(after, bot => Assert.True(bot.LastTickAt > killedAt, $"bot {bot.BotId} ({(orphans.Contains(bot.BotId) ? "on the killed silo" : "on the survivor")}) last ticked at {bot.LastTickAt:O}, before the kill: it did not resume by itself"));

        // Each of the victim's bots came back exactly once.
        Assert.All(
            before.Zip(after).Where(pair => orphans.Contains(pair.First.BotId)),
            pair => Assert.Equal(pair.First.Restarts + 1, pair.Second.Restarts));
        Assert.Equal(6, capacity.Capacity.CurrentBots);
    }

    [RequiresServersFact(redis: true)]
    public async Task WhenTheSiloWithCapacityAndEveryBotDiesTheBotsComeBackOnTheOtherSilo()
    {
        await using var pair = await SiloPair.StartFirstAsync("all-on-one", maxConcurrentBots: 10);
        using var httpA = pair.A.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(httpA, SiloEnvironment.AdminToken);
        var bots = new List<(string Key, string BotId)>();
        for (var i = 0; i < 3; i++)
        {
            var key = (await admin.CreateUserAsync(new CreateUserRequest($"all-on-one-{i}"))).ApiKey;
            var client = new OrleansBotsUserClient(httpA, key);
            var bot = await client.CreateBotAsync(Bot);
            await client.StartBotAsync(bot.BotId);
            bots.Add((key, bot.BotId));
        }

        // Every grain lives on A; B joins, A dies: nothing on B renews a lease, and the test calls nothing
        // (health and readiness would wake the capacity grain), so only B's own watch can bring the bots back.
        await pair.StartSecondAsync();
        var killedAt = DateTimeOffset.UtcNow;
        await pair.A.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(25));
        using var httpB = pair.B.CreateHttpClient();
        var adminB = new OrleansBotsAdminClient(httpB, SiloEnvironment.AdminToken);

        foreach (var (key, botId) in bots)
        {
            var bot = await new OrleansBotsUserClient(httpB, key).GetBotAsync(botId);
            Assert.Equal("running", bot.Status);
            Assert.Same(pair.B, pair.Hosting(bot.Silo!));
            Assert.True(bot.LastTickAt > killedAt, $"bot {botId} last ticked at {bot.LastTickAt:O}, before the kill: it did not resume by itself");
        }

        Assert.Equal(3, (await adminB.GetCapacityAsync()).Capacity.CurrentBots);
    }

    [RequiresServersFact(redis: true)]
    public async Task WhenTheSiloHostingCapacityDiesItComesBackElsewhereAndStillNeverOverAdmits()
    {
        await using var pair = await SiloPair.StartAsync("crash", maxConcurrentBots: 4);
        using var httpA = pair.A.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(httpA, SiloEnvironment.AdminToken);
        var keys = new List<string>();
        var bots = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            keys.Add((await admin.CreateUserAsync(new CreateUserRequest($"crash-user-{i}"))).ApiKey);
            bots.Add((await new OrleansBotsUserClient(httpA, keys[i]).CreateBotAsync(Bot)).BotId);
        }

        for (var i = 0; i < 3; i++)
        {
            await new OrleansBotsUserClient(httpA, keys[i]).StartBotAsync(bots[i]);
        }

        var victim = pair.Hosting((await admin.GetStatsAsync()).CapacityHost);
        var survivor = pair.Both.Single(s => s != victim);
        await victim.KillAsync();

        using var httpSurvivor = survivor.CreateHttpClient();
        var adminSurvivor = new OrleansBotsAdminClient(httpSurvivor, SiloEnvironment.AdminToken);
        var stats = await Eventually.Get(
            () => adminSurvivor.GetStatsAsync(),
            s => !s.CapacityHost.Contains($":{victim.SiloPort}:", StringComparison.Ordinal) && s.Capacity.CurrentBots == 3,
            TimeSpan.FromSeconds(60),
            "capacity reactivated on the survivor with the three running bots");

        var lateStarts = await Task.WhenAll(new[] { 3, 4, 5 }.Select(i => SiloPair.TryStartAsync(new OrleansBotsUserClient(httpSurvivor, keys[i]), bots[i])));

        Assert.Equal(4, stats.Capacity.MaxBots);
        Assert.Equal(1, lateStarts.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, lateStarts.Count(s => s == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(4, (await adminSurvivor.GetCapacityAsync()).Capacity.CurrentBots);
        for (var i = 0; i < 3; i++)
        {
            var bot = await Eventually.Get(
                () => new OrleansBotsUserClient(httpSurvivor, keys[i]).GetBotAsync(bots[i]),
                b => b.Status == "running",
                TimeSpan.FromSeconds(30),
                $"bot {i} running after the crash");
            Assert.Equal("running", bot.Status);
        }
    }
}
