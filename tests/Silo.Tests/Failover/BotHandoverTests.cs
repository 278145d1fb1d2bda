using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansBots.Silo.Tests.Failover;

/// <summary>A silo that stops gracefully hands its running bots to the other silo by migration, not through storage.</summary>
public sealed class BotHandoverTests(ITestOutputHelper output)
{
    private static readonly CreateBotRequest Bot = new("handover", "trading", ["BTCUSDT"], 1);

    // Short averages at 1 s ticks: it trades every few seconds, so each of its user's trade counts is a call the tick awaits.
    private static readonly CreateBotRequest Trader = new("companions", "trading", ["BTCUSDT"], 1, ShortWindow: 2, LongWindow: 4);

    // The goal is 2 s; the margin is for a shared, loaded 2-core machine. Without the handover the bots come back
    // only after the capacity grain's wake-up calls reach them (seconds more) and count a restart.
    private static readonly TimeSpan BackWithin = TimeSpan.FromSeconds(8);

    [RequiresServersFact(redis: true)]
    public async Task OnSigtermRunningBotsMoveToTheOtherSiloWithTheirStateAndTickThereAtOnce()
    {
        await using var pair = await SiloPair.StartAsync("handover", maxConcurrentBots: 20);
        using var httpA = pair.A.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(httpA, SiloEnvironment.AdminToken);
        var bots = new List<(OrleansBotsUserClient Client, string Key, string BotId)>();
        for (var i = 0; i < 10; i++)
        {
            var key = (await admin.CreateUserAsync(new CreateUserRequest($"handover-user-{i}"))).ApiKey;
            var client = new OrleansBotsUserClient(httpA, key);
            var bot = await client.CreateBotAsync(Bot);
            await client.StartBotAsync(bot.BotId);
            bots.Add((client, key, bot.BotId));
        }

        var before = await Task.WhenAll(bots.Select(b => Eventually.Get(() => b.Client.GetBotAsync(b.BotId), v => v.Ticks >= 2, TimeSpan.FromSeconds(30), "ticking")));
        var victim = pair.Both.OrderByDescending(s => before.Count(b => pair.Hosting(b.Silo!) == s)).First();
        var survivor = pair.Both.Single(s => s != victim);
        var moving = before.Where(b => pair.Hosting(b.Silo!) == victim).ToList();
        using var httpSurvivor = survivor.CreateHttpClient();

        var stoppedAt = DateTimeOffset.UtcNow;
        victim.Terminate();
        var back = await Task.WhenAll(moving.Select(async view =>
        {
            var client = new OrleansBotsUserClient(httpSurvivor, bots.Single(b => b.BotId == view.BotId).Key);
            return await Eventually.Get(
                () => client.GetBotAsync(view.BotId),
                b => b.LastTickAt > stoppedAt && b.Silo is not null && pair.Hosting(b.Silo) == survivor,
                TimeSpan.FromSeconds(30),
                $"bot {view.BotId} ticking on the survivor");
        }));
        Assert.Equal(0, await victim.TerminateAsync(TimeSpan.FromSeconds(45)));
        output.WriteLine($"{moving.Count} bots moved; first tick on the survivor {string.Join(", ", back.Select(b => $"{(b.LastTickAt - stoppedAt)!.Value.TotalSeconds:0.00} s"))} after SIGTERM (upper bounds: read every 200 ms)");
        output.WriteLine(string.Join('\n', (victim.Log + survivor.Log).Split('\n').Where(l => l.Contains("Handed over", StringComparison.Ordinal) || l.Contains("shutting down", StringComparison.OrdinalIgnoreCase) || l.Contains("igrat", StringComparison.Ordinal) || l.Contains("resumed from storage", StringComparison.Ordinal))));

        Assert.Contains($"Handed over {moving.Count} running bot(s) to 1 other silo(s)", victim.Log);
        Assert.DoesNotContain("Saving running bot", victim.Log);
        // Migrated, not restarted from storage: no restart counted, and no bot on either silo was deactivated because
        // its grain-directory entry lived on the silo that left (Orleans' default directory did that to most of them).
        Assert.All(moving.Zip(back), pair => Assert.Equal(pair.First.Restarts, pair.Second.Restarts));
        Assert.DoesNotContain("resumed from storage", survivor.Log);
        Assert.Equal(10, (await new OrleansBotsAdminClient(httpSurvivor, SiloEnvironment.AdminToken).GetCapacityAsync()).Capacity.CurrentBots);
        Assert.All(moving.Zip(back), pair =>
        {
            Assert.True(pair.Second.Ticks > pair.First.Ticks);
            Assert.True(pair.Second.TradesTotal >= pair.First.TradesTotal);
            Assert.True(pair.Second.LastTickAt - stoppedAt < BackWithin, $"bot {pair.Second.BotId} ticked on the survivor {pair.Second.LastTickAt - stoppedAt} after SIGTERM");
        });
    }

    [RequiresServersFact(redis: true)]
    public async Task OnSigtermTheUsersTheBotsTicksCallMoveWithThemAndTheBotsGoOnTrading()
    {
        // Everything on A: the users and the bots (with their event logs); B joins afterwards, empty.
        await using var pair = await SiloPair.StartFirstAsync("companions", maxConcurrentBots: 20);
        using var httpA = pair.A.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(httpA, SiloEnvironment.AdminToken);
        var bots = new List<(string Key, string BotId)>();
        for (var i = 0; i < 5; i++)
        {
            var key = (await admin.CreateUserAsync(new CreateUserRequest($"companions-user-{i}"))).ApiKey;
            var client = new OrleansBotsUserClient(httpA, key);
            var bot = await client.CreateBotAsync(Trader);
            await client.StartBotAsync(bot.BotId);
            bots.Add((key, bot.BotId));
        }

        await pair.StartSecondAsync();
        using var httpB = pair.B.CreateHttpClient();
        var before = await Task.WhenAll(bots.Select(b => new OrleansBotsUserClient(httpB, b.Key).GetBotAsync(b.BotId)));

        var stoppedAt = DateTimeOffset.UtcNow;
        pair.A.Terminate();
        var after = await Task.WhenAll(bots.Zip(before).Select(moved => Eventually.Get(
            () => new OrleansBotsUserClient(httpB, moved.First.Key).GetBotAsync(moved.First.BotId),
            b => b.TradesTotal > moved.Second.TradesTotal && b.LastTickAt > stoppedAt,
            TimeSpan.FromSeconds(60),
            $"bot {moved.First.BotId} trading on B")));
        Assert.Equal(0, await pair.A.TerminateAsync(TimeSpan.FromSeconds(45)));
        output.WriteLine(string.Join('\n', pair.A.Log.Split('\n').Where(l => l.Contains("Handed over", StringComparison.Ordinal))));

        // Five users went with the five bots; nothing came back from storage.
        Assert.Contains("Handed over 5 running bot(s) to 1 other silo(s)", pair.A.Log);
        Assert.Contains("with 5 user(s) their ticks call", pair.A.Log);
        Assert.DoesNotContain("resumed from storage", pair.B.Log);
        Assert.All(after, b => Assert.Equal("running", b.Status));
    }
}
