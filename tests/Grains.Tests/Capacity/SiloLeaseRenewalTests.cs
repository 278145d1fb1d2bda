using System.Diagnostics;
using OrleansBots.Bots;
using OrleansBots.Capacity;
using Xunit.Abstractions;

namespace OrleansBots.Tests.Capacity;

[Collection(ClusterCollection.Name)]
public sealed class SiloLeaseRenewalTests(ClusterFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private ICapacityGrain Capacity => fixture.Grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Eventually.Get(() => Capacity.GetCapacity(), c => c.CurrentBots == 0, TimeSpan.FromSeconds(15), "all leases released");
        await Capacity.ChangeLimits(new LimitsChange(200, 1, 500, 80, 100));
    }

    [Fact]
    public async Task ASilosRunningBotsKeepTheirLeasesWithOneRenewalCallPerIntervalWhateverTheirNumber()
    {
        const int Bots = 40;
        var bots = await CreateBotsAsync(Bots);
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
        Assert.InRange(summaries, 1, (int)intervals + 1);
        await Task.WhenAll(bots.Select(b => b.Stop()));
    }

    [Fact]
    public async Task ARunningBotWhoseSlotWasFreedBehindItsBackIsAdmittedAgainByItsSilosNextSummary()
    {
        var bot = (await CreateBotsAsync(1))[0];
        await bot.Start();

        // As when its renewals did not arrive for a whole lease (its silo was cut off) and the sweep freed its slot.
        await Capacity.Release(BotIdOf(0));
        var back = await Eventually.Get(() => Capacity.GetCapacity(), c => c.CurrentBots == 1, TimeSpan.FromSeconds(10), "slot taken again");

        Assert.Equal(1, back.CurrentBots);
        Assert.Equal(BotStatus.Running, (await bot.GetInfo())!.Status);
        await bot.Stop();
    }

    [Fact]
    public async Task ARunningBotWhoseSlotWasFreedWhileThePlatformFilledUpFailsWithTheReason()
    {
        await Capacity.ChangeLimits(new LimitsChange(MaxConcurrentBots: 1));
        var bot = (await CreateBotsAsync(1))[0];
        await bot.Start();

        await Capacity.Release(BotIdOf(0));
        await Capacity.TryAcquire($"{_run}-other", $"{_run}-other-user");
        var failed = await Eventually.Get(() => bot.GetInfo(), b => b!.Status == BotStatus.Failed, TimeSpan.FromSeconds(10), "bot failed");

        Assert.Contains("Lost its running slot", failed!.FailureReason);
        Assert.Equal(1, (await Capacity.GetCapacity()).CurrentBots);
        await Capacity.Release($"{_run}-other");
    }

    private string BotIdOf(int i) => $"{_run}-bot-{i}";

    private async Task<IReadOnlyList<IBotGrain>> CreateBotsAsync(int count)
    {
        var definition = new BotDefinition("test", BotKind.Trading, ["BTCUSDT"], 5, 5, 20, 0.01m);
        var bots = Enumerable.Range(0, count).Select(i => fixture.Grains.GetGrain<IBotGrain>(BotIdOf(i))).ToList();
        await Task.WhenAll(bots.Select((b, i) => b.Create($"{_run}-user-{i}", definition)));
        return bots;
    }
}
