using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Hosting;

/// <summary>The whole platform (one silo process on PostgreSQL) restarts; running bots run again, counted once.</summary>
public sealed class PlatformRestartTests
{
    private static readonly CreateBotRequest FastBot = new("restart", "trading", ["BTCUSDT", "ETHUSDT"], 0.5, 2, 4);
    private static readonly CreateBotRequest SlowBot = new("resume-stop", "trading", ["BTCUSDT"], 5);

    [RequiresServersFact]
    public async Task AfterKillNineRunningBotsRunAgainByThemselvesCountedOnce()
    {
        await RestartScenarioAsync(graceful: false);
    }

    [RequiresServersFact]
    public async Task AfterSigtermRunningBotsAreSavedAndRunAgainCountedOnce()
    {
        await RestartScenarioAsync(graceful: true);
    }

    [RequiresServersFact]
    public async Task ASigtermWhileBotsAreResumingCallsNoMoreOfThemOnTheStoppingSilo()
    {
        const int Bots = 600;
        using var data = new TempFolder();
        var environment = SiloEnvironment.Durable(SiloEnvironment.NewServiceId("resume-stop"), data.Path);
        environment["Cooldowns__BotActionsPerHour"] = "0";
        environment["Users__MaxOwnedBots"] = $"{Bots}";

        // One call at a time: the restart's calls to its bots wait their turn for seconds, so the SIGTERM finds most of
        // them waiting (checked below: some bots resumed, not all, or this test proves nothing).
        environment["Capacity__BotCallsInFlight"] = "1";
        await using (var first = SiloProcess.Start(environment))
        {
            await first.WaitReadyAsync();
            using var http = first.CreateHttpClient();
            var admin = new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken);
            await admin.ChangeLimitsAsync(new LimitsRequest(MaxConcurrentBots: Bots, MaxBotsPerUser: Bots));
            var user = new OrleansBotsUserClient(http, (await admin.CreateUserAsync(new CreateUserRequest("resume-stop-user"))).ApiKey);
            await Parallel.ForAsync(0, Bots, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
                await user.StartBotAsync((await user.CreateBotAsync(SlowBot with { Name = $"resume-stop-{i}" })).BotId));
            Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(60)));
        }

        await using var second = SiloProcess.Start(environment);
        await second.WaitReadyAsync();

        // The SIGTERM comes with the first line counting resumed bots (a second's worth at most): the rest wait their turn.
        await Eventually.Get(() => Task.FromResult(second.Log), log => ResumedBotsLog.Line().IsMatch(log), TimeSpan.FromSeconds(30), "the first resumed bots");
        Assert.Equal(0, await second.TerminateAsync(TimeSpan.FromSeconds(60)));

        Assert.InRange(ResumedBotsLog.Count(second.Log), 1, Bots - 1);

        // A call made once the silo stops would wake its bot there; Orleans fails to place it, with retries.
        Assert.DoesNotContain("Failed to address message", second.Log);
        Assert.DoesNotContain("Orleans.Placement", second.Log);
    }

    private static async Task RestartScenarioAsync(bool graceful)
    {
        using var data = new TempFolder();
        var environment = SiloEnvironment.Durable(SiloEnvironment.NewServiceId("restart"), data.Path);
        // The bot's own lines (the save and resume lines this test must not find on the stopping silo) are Information
        // lines of a hot category, which the silo sheds over its CPU target: on a busy machine their absence would
        // prove nothing.
        environment["Hardware__CpuTargetUsage"] = "100";
        string runningId, idleId;
        long ticksBefore;
        int storedBefore;
        string userKey;
        await using (var before = SiloProcess.Start(environment))
        {
            await before.WaitReadyAsync();
            using var http = before.CreateHttpClient();
            var admin = new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken);
            await admin.ChangeLimitsAsync(new LimitsRequest(MaxConcurrentBots: 50));
            userKey = (await admin.CreateUserAsync(new CreateUserRequest("restart-user"))).ApiKey;
            var user = new OrleansBotsUserClient(http, userKey);
            runningId = (await user.CreateBotAsync(FastBot)).BotId;
            idleId = (await user.CreateBotAsync(FastBot with { Name = "idle" })).BotId;
            await user.StartBotAsync(runningId);
            ticksBefore = (await Eventually.Get(() => user.GetBotAsync(runningId), b => b.Ticks >= 3, TimeSpan.FromSeconds(20), "ticks before")).Ticks;

            // Trades go to the history without a save of the state that counts them: after kill -9 the bot must count
            // them again from its history, or its next trades would reuse their numbers and be dropped as retries.
            storedBefore = (await Eventually.Get(() => user.GetTradesAsync(runningId), t => t.Count >= 2, TimeSpan.FromSeconds(60), "trades before")).Count;

            if (graceful)
            {
                Assert.Equal(0, await before.TerminateAsync(TimeSpan.FromSeconds(45)));
                Assert.Contains("Saved 1 running bot(s) in", before.Log);
                Assert.DoesNotContain("Saving running bot", before.Log);
                // Nothing wakes the saved bot on the silo that stops (it would count a restart there and another after).
                Assert.DoesNotContain("resumed from storage", before.Log);
            }
            else
            {
                await before.KillAsync();
            }
        }

        await using var after = SiloProcess.Start(environment);
        await after.WaitReadyAsync();
        using var httpAfter = after.CreateHttpClient();
        var userAfter = new OrleansBotsUserClient(httpAfter, userKey);
        var adminAfter = new OrleansBotsAdminClient(httpAfter, SiloEnvironment.AdminToken);

        // No call reaches the bot before this point: if it runs, it came back by itself. A bot woken only by
        // the GET below would show the last tick saved before the restart, seconds old.
        await Eventually.Get(() => adminAfter.GetCapacityAsync(), c => c.Capacity.CurrentBots == 1, TimeSpan.FromSeconds(30), "lease restored");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var askedAt = DateTimeOffset.UtcNow;
        var resumed = await userAfter.GetBotAsync(runningId);
        var capacity = await adminAfter.GetCapacityAsync();

        Assert.Equal(("running", 1L), (resumed.Status, resumed.Restarts));
        Assert.True(resumed.LastTickAt > askedAt - TimeSpan.FromSeconds(3), $"last tick {resumed.LastTickAt:O} is stale at {askedAt:O}: the bot did not resume by itself");
        Assert.True(resumed.Ticks > ticksBefore);
        Assert.True(resumed.TradesTotal >= storedBefore, $"{resumed.TradesTotal} trades counted after the restart, {storedBefore} stored before it");

        // The silo counts the bots that resumed in a line a second, not a line per bot.
        await Eventually.Get(() => Task.FromResult(after.Log), log => log.Contains("1 bot(s) resumed from storage on ", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the line counting resumed bots");
        Assert.DoesNotMatch($@"Bot {runningId} of \S+ resumed on", after.Log);

        Assert.Equal(1, capacity.Capacity.CurrentBots);
        Assert.Equal(50, capacity.Capacity.MaxBots);
        Assert.Equal("created", (await userAfter.GetBotAsync(idleId)).Status);

        // Stopped, the bot trades no more between the two reads: the stored trades match its count.
        var stopped = await userAfter.StopBotAsync(runningId);
        var trades = await userAfter.GetTradesAsync(runningId);
        Assert.Equal(Math.Min(stopped.TradesTotal, 100), trades.Count);
        Assert.Equal($"{runningId}-{stopped.TradesTotal}", trades[0].TradeId);
    }
}
