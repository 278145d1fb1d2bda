using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansBots.Silo.Tests.Failover;

/// <summary>A silo added while bots run takes new bots; a silo taken away again hands all of its bots over.</summary>
public sealed class ScaleOutInTests(ITestOutputHelper output)
{
    private static readonly CreateBotRequest Bot = new("scale", "trading", ["BTCUSDT"], 1);

    // The goal is 2 s (a SIGTERM); the margin is for a shared, loaded 2-core machine, as in BotHandoverTests.
    private static readonly TimeSpan BackWithin = TimeSpan.FromSeconds(8);

    [RequiresServersFact(redis: true)]
    public async Task ASiloAddedWhileBotsRunTakesNewBotsAndRemovedAgainHandsEveryBotBack()
    {
        await using var pair = await SiloPair.StartFirstAsync("scale", maxConcurrentBots: 40);
        using var httpA = pair.A.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(httpA, SiloEnvironment.AdminToken);
        var before = await StartBotsAsync(httpA, admin, "early", 10);

        await pair.StartSecondAsync();
        var after = await StartBotsAsync(httpA, admin, "late", 20);
        var views = await Task.WhenAll(before.Concat(after).Select(b => Eventually.Get(() => b.Client.GetBotAsync(b.BotId), v => v.Ticks >= 2, TimeSpan.FromSeconds(30), "ticking")));
        var earlyOnA = views.Take(before.Count).Count(v => pair.Hosting(v.Silo!) == pair.A);
        var lateOnB = views.Skip(before.Count).Count(v => pair.Hosting(v.Silo!) == pair.B);
        output.WriteLine($"after B joined: {lateOnB} of {after.Count} new bots placed on B; {earlyOnA} of {before.Count} bots started before it still on A");

        // Placement prefers a silo whose load is not known yet or that is under its limits: the new silo is one.
        Assert.InRange(lateOnB, 1, after.Count);

        using var httpB = pair.B.CreateHttpClient();
        var stoppedAt = DateTimeOffset.UtcNow;
        pair.A.Terminate();
        var back = await Task.WhenAll(before.Concat(after).Select(b => Eventually.Get(
            () => new OrleansBotsUserClient(httpB, b.Key).GetBotAsync(b.BotId),
            v => v.LastTickAt > stoppedAt && pair.Hosting(v.Silo!) == pair.B,
            TimeSpan.FromSeconds(30),
            $"bot {b.BotId} ticking on B")));
        Assert.Equal(0, await pair.A.TerminateAsync(TimeSpan.FromSeconds(45)));
        var slowest = back.Max(v => v.LastTickAt!.Value - stoppedAt);
        output.WriteLine($"after SIGTERM of A: every bot ticking on B within {slowest.TotalSeconds:0.00} s (upper bound); {pair.A.Log.Split('\n').FirstOrDefault(l => l.Contains("Handed over", StringComparison.Ordinal))}");

        Assert.True(slowest < BackWithin, $"the last bot ticked on B {slowest} after SIGTERM");
        Assert.All(views.Zip(back), pair => Assert.Equal(pair.First.Restarts, pair.Second.Restarts));
        Assert.Equal(30, (await new OrleansBotsAdminClient(httpB, SiloEnvironment.AdminToken).GetCapacityAsync()).Capacity.CurrentBots);
    }

    private static async Task<List<(OrleansBotsUserClient Client, string Key, string BotId)>> StartBotsAsync(HttpClient http, OrleansBotsAdminClient admin, string prefix, int count)
    {
        var bots = new List<(OrleansBotsUserClient, string, string)>();
        for (var i = 0; i < count; i++)
        {
            var key = (await admin.CreateUserAsync(new CreateUserRequest($"scale-{prefix}-{i}"))).ApiKey;
            var client = new OrleansBotsUserClient(http, key);
            var bot = await client.CreateBotAsync(Bot);
            await client.StartBotAsync(bot.BotId);
            bots.Add((client, key, bot.BotId));
        }

        return bots;
    }
}
