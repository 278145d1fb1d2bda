using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansBots.Quotas;
using OrleansBots.Roster;
using OrleansBots.Storage;
using OrleansBots.Tests.Storage;
using OrleansBots.Users;

namespace OrleansBots.Tests.Users;

/// <summary>Without <c>Users:WriteEachTrade</c> (the default in memory) a trade is answered at once and its count written a moment later.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DelayedTradeCountTests(MemoryDefaultsCluster fixture) : IClassFixture<MemoryDefaultsCluster>
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task TradesOneAfterAnotherShareOneWriteAMomentLaterAndAreStoredAndReportedOnce()
    {
        var userId = $"{_run}-eve";
        var user = fixture.Grains.GetGrain<IUserGrain>(userId);
        await user.Register([1], new UserLimits(MaxBots: null, MaxTradesPerDay: 15));
        var shard = RosterShards.Of(fixture.Grains, userId);
        var before = (await shard.GetSummary()).TradesToday;
        var writesBefore = CountingGrainStorage.WritesOf(StateNames.UserTrades, user.GetGrainId());

        var answers = new List<TradeQuotaAnswer>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await user.TryCountTrade());
        }

        // Counted exactly, each in its own turn, none waiting for a write.
        Assert.Equal(Enumerable.Range(1, 15), answers.Where(a => a.Allowed).Select(a => a.UsedToday));
        Assert.All(answers.Skip(15), a => Assert.False(a.Allowed));
        var stored = await Eventually.Get(() => ReadCountAsync(user.GetGrainId()), c => c.Used == 15, TimeSpan.FromSeconds(5), "the count written");
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), stored.Day);
        var writes = CountingGrainStorage.WritesOf(StateNames.UserTrades, user.GetGrainId()) - writesBefore;
        Assert.InRange(writes, 1, 3);
        var reported = await Eventually.Get(() => shard.GetSummary(), s => s.TradesToday >= before + 15, TimeSpan.FromSeconds(5), "the trades reported to the roster");
        Assert.Equal(before + 15, reported.TradesToday);
    }

    [Fact]
    public async Task AUserWhoseActivationEndsWritesTheTradesCountedSinceItsLastWrite()
    {
        var user = fixture.Grains.GetGrain<IUserGrain>($"{_run}-fay");
        await user.Register([1], new UserLimits(MaxBots: null, MaxTradesPerDay: 10));
        for (var i = 0; i < 4; i++)
        {
            await user.TryCountTrade();
        }

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        await Eventually.Get(() => ReadCountAsync(user.GetGrainId()), c => c.Used == 4, TimeSpan.FromSeconds(5), "the count written as the activation ended");
        Assert.Equal(4, (await user.GetProfile())!.TradesToday);
    }

    private async Task<TradeCountState> ReadCountAsync(GrainId grainId)
    {
        var stored = new GrainState<TradeCountState>();
        await fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StateNames.Store).ReadStateAsync(StateNames.UserTrades, grainId, stored);
        return stored.State ?? new TradeCountState();
    }
}
