using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansBots.Silo.Tests.Failover;

/// <summary>Running bots spread onto a silo that joins, by migration: nothing restarts and every bot keeps ticking.</summary>
public sealed class BotRebalancingTests(ITestOutputHelper output)
{
    private static readonly CreateBotRequest Bot = new("spread", "trading", ["BTCUSDT"], 1);

    // The goal is 2 s (a handover, as on SIGTERM); the margin is for a shared, loaded 2-core machine, as in ScaleOutInTests.
    private static readonly TimeSpan BackWithin = TimeSpan.FromSeconds(8);

    private static readonly Dictionary<string, string> QuickRebalancing = new()
    {
        ["Rebalancing__Interval"] = "00:00:02",
        ["Rebalancing__SettleTime"] = "00:00:04",
        ["Rebalancing__MinimumExcess"] = "1",
        // A shared 2-core test machine is often over the default limits; the silos must stay able to receive.
        ["Hardware__CpuTargetUsage"] = "100",
        ["Hardware__PlacementCpuLimit"] = "100",
    };

    [RequiresServersFact(redis: true)]
    public async Task RunningBotsSpreadOntoASiloThatJoinsWithoutRestarting()
    {
        await using var pair = await SiloPair.StartFirstAsync("spread", maxConcurrentBots: 40, QuickRebalancing);
        using var httpA = pair.A.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(httpA, SiloEnvironment.AdminToken);
        var bots = new List<(OrleansBotsUserClient Client, string BotId)>();
        for (var i = 0; i < 20; i++)
        {
            var client = new OrleansBotsUserClient(httpA, (await admin.CreateUserAsync(new CreateUserRequest($"spread-{i}"))).ApiKey);
            var bot = await client.CreateBotAsync(Bot);
            await client.StartBotAsync(bot.BotId);
            bots.Add((client, bot.BotId));
        }

        var before = await Task.WhenAll(bots.Select(b => Eventually.Get(() => b.Client.GetBotAsync(b.BotId), v => v.Ticks >= 1, TimeSpan.FromSeconds(30), "ticking")));
        Assert.All(before, v => Assert.Contains($":{pair.A.SiloPort}:", v.Silo, StringComparison.Ordinal));

        await pair.StartSecondAsync();
        var (onB, longestGap) = await WatchSpreadAsync(pair, bots);
        output.WriteLine($"{onB} of 20 bots on B, longest gap between two ticks of a bot {longestGap.TotalSeconds:0.00} s; A: {pair.A.Log.Split('\n').FirstOrDefault(l => l.Contains("Rebalancing:", StringComparison.Ordinal))}");
        Assert.InRange(onB, 8, 12);
        Assert.True(longestGap < BackWithin, $"a bot did not tick for {longestGap} while bots moved");

        var movedAt = DateTimeOffset.UtcNow;
        var after = await Task.WhenAll(bots.Select(b => Eventually.Get(() => b.Client.GetBotAsync(b.BotId), v => v.LastTickAt > movedAt, TimeSpan.FromSeconds(15), $"bot {b.BotId} ticking after the move")));
        Assert.All(before.Zip(after), pair => Assert.Equal(pair.First.Restarts, pair.Second.Restarts));
        Assert.All(after, v => Assert.Equal("running", v.Status));
        Assert.Equal(20, (await admin.GetCapacityAsync()).Capacity.CurrentBots);
        Assert.Contains($"Rebalancing: moving {onB} of the 20 running bot(s) here to 1 other silo(s)", pair.A.Log, StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads every bot twice a second until the silo that joined runs at least 8 of them and 5 s more have passed,
    /// and answers how many it runs then and the longest time any bot went between two ticks seen.
    /// </summary>
    private static async Task<(int OnB, TimeSpan LongestGap)> WatchSpreadAsync(SiloPair pair, List<(OrleansBotsUserClient Client, string BotId)> bots)
    {
        var lastTick = new Dictionary<string, DateTimeOffset>();
        var longest = TimeSpan.Zero;
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90);
        DateTimeOffset? spreadAt = null;
        while (true)
        {
            var views = await Task.WhenAll(bots.Select(b => b.Client.GetBotAsync(b.BotId)));
            foreach (var view in views.Where(v => v.LastTickAt is not null))
            {
                if (lastTick.TryGetValue(view.BotId, out var previous) && view.LastTickAt!.Value - previous > longest)
                {
                    longest = view.LastTickAt.Value - previous;
                }

                lastTick[view.BotId] = view.LastTickAt!.Value;
            }

            var onB = views.Count(v => pair.Hosting(v.Silo!) == pair.B);
            spreadAt ??= onB >= 8 ? DateTimeOffset.UtcNow : null;
            if (spreadAt is { } at && DateTimeOffset.UtcNow - at > TimeSpan.FromSeconds(5))
            {
                return (onB, longest);
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"only {onB} of 20 bots on the silo that joined after 90 s");
            await Task.Delay(500);
        }
    }
}
