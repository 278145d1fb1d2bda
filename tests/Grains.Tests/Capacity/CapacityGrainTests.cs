using System.Diagnostics;
using OrleansBots.Bots;
using OrleansBots.Capacity;
using OrleansBots.Roster;
using OrleansBots.Storage;
using OrleansBots.Tests.Storage;
using OrleansBots.Users;
using Xunit.Abstractions;

namespace OrleansBots.Tests.Capacity;

[Collection(ClusterCollection.Name)]
public sealed class CapacityGrainTests(ClusterFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private ICapacityGrain Capacity => fixture.Grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Leave the shared capacity grain empty and at known limits for the next test.
        await Eventually.Get(() => Capacity.GetCapacity(), c => c.CurrentBots == 0, TimeSpan.FromSeconds(15), "all leases released");
        await Capacity.ChangeLimits(new LimitsChange(200, 1, 500, 80, 100));
    }

    [Fact]
    public async Task AThousandConcurrentStartsAgainstOneHundredSlotsAdmitExactlyOneHundred()
    {
        await Capacity.ChangeLimits(new LimitsChange(MaxConcurrentBots: 100, MaxBotsPerUser: 1));
        var bots = await CreateBotsAsync(1000, i => $"{_run}-user-{i}");
        var writesBefore = CapacityWrites();
        try
        {
            var results = await Task.WhenAll(bots.Select(b => b.Start()));
            var capacityWrites = CapacityWrites() - writesBefore;
            output.WriteLine($"1000 concurrent starts: {capacityWrites} capacity snapshot writes");

            Assert.Equal(100, results.Count(r => r.Outcome == StartOutcome.Started));
            Assert.Equal(900, results.Count(r => r.Outcome == StartOutcome.PlatformFull));

            // Refusals never write: at most one write per grant (grants that arrive during a write share the next one,
            // but on a slow machine they may arrive one by one), plus the three alerts' (80, 95 and 100 %).
            Assert.InRange(capacityWrites, 1, 103);
            Assert.Equal(100, (await Capacity.GetCapacity()).CurrentBots);
            var running = await Task.WhenAll(bots.Select(b => b.GetInfo()));
            Assert.Equal(100, running.Count(b => b!.Status == BotStatus.Running));
        }
        finally
        {
            // Even after a failed assertion: the bots' slots would fill the shared platform for every later test.
            await Task.WhenAll(bots.Select(b => b.Stop()));
        }
    }

    // The capacity grain's own state and its lease journal.
    private static int CapacityWrites() =>
        CountingGrainStorage.Writes.GetValueOrDefault(StateNames.Capacity) + CountingGrainStorage.Writes.GetValueOrDefault(StateNames.CapacityLeases);

    [Fact]
    public async Task AThousandConcurrentAcquisitionsOfRawLeasesNeverExceedTheMaximum()
    {
        await Capacity.ChangeLimits(new LimitsChange(MaxConcurrentBots: 100, MaxBotsPerUser: 1000));

        var admissions = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Capacity.TryAcquire($"{_run}-raw-{i}", $"{_run}-u{i % 7}")));

        var granted = admissions.Count(a => a.Outcome == AdmissionOutcome.Granted);
        Assert.Equal(100, granted);
        Assert.All(admissions, a => Assert.True(a.CurrentBots <= 100));
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Capacity.Release($"{_run}-raw-{i}")));
    }

    [Fact]
    public async Task AUsersLimitHoldsUnderConcurrentStarts()
    {
        var userId = $"{_run}-carol";
        await fixture.Grains.GetGrain<IUserGrain>(userId).Register([1], new UserLimits(MaxBots: 3, MaxTradesPerDay: null));
        var bots = await CreateBotsAsync(50, _ => userId);

        var results = await Task.WhenAll(bots.Select(b => b.Start()));

        Assert.Equal(3, results.Count(r => r.Outcome == StartOutcome.Started));
        Assert.Equal(47, results.Count(r => r.Outcome == StartOutcome.UserLimitReached));
        Assert.Equal(3, await Capacity.GetUserBots(userId));
        var refusal = results.First(r => r.Outcome == StartOutcome.UserLimitReached).Admission!;
        Assert.Equal((3, 3), (refusal.UserBots, refusal.UserLimit));
        await Task.WhenAll(bots.Select(b => b.Stop()));
    }

    [Fact]
    public async Task ALeaseWhoseBotIsGoneFreesItsSlotWithoutAnyRestart()
    {
        var admission = await Capacity.TryAcquire($"{_run}-zombie", $"{_run}-ghost");
        Assert.Equal(AdmissionOutcome.Granted, admission.Outcome);

        // How soon is the sweeper's rule (CapacitySweeperTests, on a fake clock); here only that it happens.
        var freed = await Eventually.Get(() => Capacity.GetCapacity(), c => c.CurrentBots == 0, TimeSpan.FromSeconds(60), "zombie slot freed");

        Assert.Equal(0, freed.CurrentBots);
        Assert.Equal(0, await Capacity.GetUserBots($"{_run}-ghost"));
    }

    [Fact]
    public async Task StartingARunningBotAgainTakesNoSecondSlot()
    {
        var bot = (await CreateBotsAsync(1, _ => $"{_run}-dave"))[0];

        var first = await bot.Start();
        var second = await bot.Start();

        Assert.Equal(StartOutcome.Started, first.Outcome);
        Assert.Equal(StartOutcome.AlreadyRunning, second.Outcome);
        Assert.Equal(1, (await Capacity.GetCapacity()).CurrentBots);
        await bot.Stop();
        Assert.Equal(0, (await Capacity.GetCapacity()).CurrentBots);
    }

    [Fact]
    public async Task LoweringTheMaximumWhileRunningStopsNoBotButAdmitsNoneUntilBelowIt()
    {
        await Capacity.ChangeLimits(new LimitsChange(MaxConcurrentBots: 5));
        var bots = await CreateBotsAsync(4, i => $"{_run}-erin-{i}");
        foreach (var bot in bots.Take(3))
        {
            Assert.Equal(StartOutcome.Started, (await bot.Start()).Outcome);
        }

        await Capacity.ChangeLimits(new LimitsChange(MaxConcurrentBots: 2));
        var full = await Capacity.GetCapacity();
        var refused = await bots[3].Start();
        await bots[0].Stop();
        var stillRefused = await bots[3].Start();
        await bots[1].Stop();
        var admitted = await bots[3].Start();

        Assert.Equal((3, 2, CapacityStatus.Full, false), (full.CurrentBots, full.MaxBots, full.Status, full.CanAcceptNew));
        Assert.Equal(BotStatus.Running, (await bots[2].GetInfo())!.Status);
        Assert.Equal(StartOutcome.PlatformFull, refused.Outcome);
        Assert.NotEqual(BotStatus.Running, refused.Bot!.Status);
        Assert.Equal(StartOutcome.PlatformFull, stillRefused.Outcome);
        Assert.Equal(StartOutcome.Started, admitted.Outcome);
        await Task.WhenAll(bots.Select(b => b.Stop()));
    }

    [Fact]
    public async Task AlertsAreRaisedOncePerCrossingOfEachThreshold()
    {
        await Capacity.ChangeLimits(new LimitsChange(MaxConcurrentBots: 10, MaxBotsPerUser: 100, AlertThreshold: 80));
        var before = (await Capacity.GetReport()).RecentAlerts.Count;
        for (var i = 0; i < 10; i++)
        {
            await Capacity.TryAcquire($"{_run}-alert-{i}", $"{_run}-frank");
        }

        await Capacity.TryAcquire($"{_run}-alert-extra", $"{_run}-frank");
        var alerts = (await Capacity.GetReport()).RecentAlerts;
        for (var i = 0; i < 10; i++)
        {
            await Capacity.Release($"{_run}-alert-{i}");
        }

        var raised = alerts.Take(alerts.Count - before).Select(a => (int)a.Threshold).Order().ToList();
        Assert.Equal([80, 95, 100], raised);
    }

    [Fact]
    public async Task ABotDeactivatedWhileRunningComesBackByItselfCountedOnce()
    {
        var bot = (await CreateBotsAsync(1, _ => $"{_run}-gina"))[0];
        await bot.Start();

        await fixture.Cluster.DeactivateAsync(bot);
        var info = await Eventually.Get(
            async () => (await fixture.Cluster.Client.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey).GetReport(), await bot.GetInfo()),
            pair => pair.Item2!.Restarts >= 1,
            TimeSpan.FromSeconds(10),
            "bot resumed");

        Assert.Equal(BotStatus.Running, info.Item2!.Status);
        Assert.Equal(1, info.Item1.Capacity.CurrentBots);
        await bot.Stop();
    }

    [Fact]
    public async Task ASilosRunningBotsKeepTheirLeasesWithOneRenewalCallPerIntervalAndBatchNotOnePerBot()
    {
        const int Bots = 40;
        var batches = (Bots + ClusterFixture.RenewBatch - 1) / ClusterFixture.RenewBatch;
        var bots = await CreateBotsAsync(Bots, i => $"{_run}-renewing-{i}");
        Assert.All(await Task.WhenAll(bots.Select(b => b.Start())), r => Assert.Equal(StartOutcome.Started, r.Outcome));
        var (summariesBefore, aloneBefore) = (CapacityCalls.Of(nameof(ICapacityGrain.RenewHeld)), CapacityCalls.Of(nameof(ICapacityGrain.Renew)));
        var watch = Stopwatch.StartNew();

        // Longer than a lease: without renewals every slot would be freed.
        await Task.Delay(ClusterFixture.LeaseDuration + 2 * ClusterFixture.RenewInterval);
        var capacity = await Capacity.GetCapacity();
        var intervals = watch.Elapsed / ClusterFixture.RenewInterval;
        var summaries = CapacityCalls.Of(nameof(ICapacityGrain.RenewHeld)) - summariesBefore;
        var alone = CapacityCalls.Of(nameof(ICapacityGrain.Renew)) - aloneBefore;
        output.WriteLine($"{Bots} bots, {intervals:0.0} renew intervals: {summaries} summaries, {alone} renewals of single bots");

        Assert.Equal(Bots, capacity.CurrentBots);
        Assert.Equal(0, alone);
        // Other tests' bots may share a round's batches, so the bound allows one more batch per interval.
        Assert.InRange(summaries, (int)intervals * batches - batches, ((int)intervals + 1) * (batches + 1));
        await Task.WhenAll(bots.Select(b => b.Stop()));
    }

    [Fact]
    public async Task ARunningBotWhoseSlotWasFreedBehindItsBackIsAdmittedAgainByItsSilosNextSummary()
    {
        var bot = (await CreateBotsAsync(1, _ => $"{_run}-henry"))[0];
        await bot.Start();

        // As when its renewals did not arrive for a whole lease (its silo was cut off) and the sweep freed its slot.
        await Capacity.Release(bot.GetPrimaryKeyString());
        var back = await Eventually.Get(() => Capacity.GetCapacity(), c => c.CurrentBots == 1, TimeSpan.FromSeconds(10), "slot taken again");

        Assert.Equal(1, back.CurrentBots);
        Assert.Equal(BotStatus.Running, (await bot.GetInfo())!.Status);
        await bot.Stop();
    }

    [Fact]
    public async Task ARunningBotWhoseSlotWasFreedWhileThePlatformFilledUpFailsWithTheReason()
    {
        await Capacity.ChangeLimits(new LimitsChange(MaxConcurrentBots: 1));
        var bot = (await CreateBotsAsync(1, _ => $"{_run}-iris"))[0];
        await bot.Start();

        await Capacity.Release(bot.GetPrimaryKeyString());
        await Capacity.TryAcquire($"{_run}-other", $"{_run}-other-user");
        var failed = await Eventually.Get(() => bot.GetInfo(), b => b!.Status == BotStatus.Failed, TimeSpan.FromSeconds(10), "bot failed");

        Assert.Contains("Lost its running slot", failed!.FailureReason);
        Assert.Equal(1, (await Capacity.GetCapacity()).CurrentBots);
        await Capacity.Release($"{_run}-other");
    }

    private async Task<IReadOnlyList<IBotGrain>> CreateBotsAsync(int count, Func<int, string> userOf)
    {
        var definition = new BotDefinition("test", BotKind.Trading, ["BTCUSDT"], 5, 5, 20, 0.01m);
        var bots = Enumerable.Range(0, count).Select(i => fixture.Grains.GetGrain<IBotGrain>($"{_run}-bot-{i}")).ToList();
        await Task.WhenAll(bots.Select((b, i) => b.Create(userOf(i), definition)));
        return bots;
    }
}
