using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OrleansBots.Capacity;
using OrleansBots.Quotas;
using OrleansBots.Roster;
using OrleansBots.Storage;
using OrleansBots.Users;

namespace OrleansBots.Tests.Users;

/// <summary>A user's trades counted today are stored on their own: a trade writes a few bytes, not the user's list of bots.</summary>
[Collection(ClusterCollection.Name)]
public sealed class UserTradeCountTests(ClusterFixture fixture)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private IGrainStorage Storage => fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StateNames.Store);

    [Fact]
    public async Task ATradeIsCountedInTheTradeCountNotInTheStateListingTheBots()
    {
        var user = fixture.Grains.GetGrain<IUserGrain>($"{_run}-ann");
        await user.Register([1], new UserLimits(MaxBots: null, MaxTradesPerDay: 10));
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => user.AddBot($"{_run}-bot-{i}")));
        var listed = await ReadStoredAsync<UserState>(StateNames.User, user.GetGrainId());

        await user.TryCountTrade();
        var answer = await user.TryCountTrade();

        var count = await ReadAsync<TradeCountState>(StateNames.UserTrades, user.GetGrainId());
        var state = await ReadStoredAsync<UserState>(StateNames.User, user.GetGrainId());
        Assert.Equal((true, 2), (answer.Allowed, answer.UsedToday));
        Assert.Equal((DateOnly.FromDateTime(DateTime.UtcNow), 2), (count.Day, count.Used));
        Assert.Equal(50, state.State!.BotIds.Count);
        Assert.Equal(listed.ETag, state.ETag);
    }

    [Fact]
    public async Task TradesCountedInTheUserStateBeforeAreTakenOverAndKeptCounting()
    {
        var user = fixture.Grains.GetGrain<IUserGrain>($"{_run}-bo");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Storage.WriteStateAsync(StateNames.User, user.GetGrainId(), new GrainState<UserState>(
            new UserState { Exists = true, ApiKeyHash = [7], MaxTradesPerDay = 9, TradesDay = today, TradesToday = 7 }));

        var before = (await user.GetProfile())!.TradesToday;
        var eighth = await user.TryCountTrade();
        var ninth = await user.TryCountTrade();
        var tenth = await user.TryCountTrade();

        Assert.Equal(7, before);
        Assert.Equal((true, true, false), (eighth.Allowed, ninth.Allowed, tenth.Allowed));
        Assert.Equal(9, (await ReadAsync<TradeCountState>(StateNames.UserTrades, user.GetGrainId())).Used);
    }

    [Fact]
    public async Task ADeletedUserLeavesNoTradeCountBehind()
    {
        var user = fixture.Grains.GetGrain<IUserGrain>($"{_run}-cy");
        await user.Register([1], new UserLimits(MaxBots: null, MaxTradesPerDay: 10));
        await user.TryCountTrade();

        await user.Delete();
        await user.Register([2], new UserLimits(MaxBots: null, MaxTradesPerDay: 10));

        Assert.Equal(0, (await user.GetProfile())!.TradesToday);
    }

    [Fact]
    public async Task TradesAskedWhileTheUserIsBeingDeletedAreRefusedAndLeaveNoCountBehind()
    {
        var userId = $"{_run}-dot";
        var user = fixture.Grains.GetGrain<IUserGrain>(userId);
        await user.Register([1], new UserLimits(MaxBots: null, MaxTradesPerDay: 10));
        await user.TryCountTrade();

        // The delete is held at its call to the capacity grain, after it began and before the user's states are cleared.
        var hold = HeldCalls.Hold(nameof(ICapacityGrain.SetUserBotLimit), userId);
        var deleting = user.Delete();
        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        var duringDelete = await user.TryCountTrades(3);
        hold.Release();
        var deleted = await deleting;

        Assert.True(deleted);
        Assert.Equal(0, duringDelete.Counted);
        Assert.Equal(0, (await ReadAsync<TradeCountState>(StateNames.UserTrades, user.GetGrainId())).Used);
    }

    [Fact]
    public Task TradesCountedAtOnceShareWritesWithoutPassingTheQuotaAndEachIsStoredAndReportedOnce() =>
        CountedOnceEachUpToTheQuotaAsync($"{_run}-dee", (user, _) => user.TryCountTrade());

    [Fact]
    public Task TradesAskedTogetherThroughTheSilosBatchesAreCountedOnceEachUpToTheQuota()
    {
        var batches = new TradeCountBatches(fixture.Grains, Options.Create(new UserOptions()), TimeProvider.System);
        return CountedOnceEachUpToTheQuotaAsync($"{_run}-eve", (_, userId) => Task.Run(() => batches.CountAsync(userId)));
    }

    /// <summary>200 trades at once on a quota of 150, counted by <paramref name="countTrade"/>: 150 counted, each once.</summary>
    private async Task CountedOnceEachUpToTheQuotaAsync(string userId, Func<IUserGrain, string, Task<TradeQuotaAnswer>> countTrade)
    {
        var user = fixture.Grains.GetGrain<IUserGrain>(userId);
        await user.Register([1], new UserLimits(MaxBots: null, MaxTradesPerDay: 150));
        var shard = RosterShards.Of(fixture.Grains, userId);
        var before = (await shard.GetSummary()).TradesToday;

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => countTrade(user, userId)));

        var allowed = answers.Where(a => a.Allowed).ToList();
        Assert.Equal(150, allowed.Count);
        Assert.Equal(Enumerable.Range(1, 150), allowed.Select(a => a.UsedToday).Order());
        Assert.All(answers.Where(a => !a.Allowed), a => Assert.Equal((150, 150), (a.UsedToday, a.Limit)));
        Assert.Equal(150, (await ReadAsync<TradeCountState>(StateNames.UserTrades, user.GetGrainId())).Used);
        var reported = await Eventually.Get(() => shard.GetSummary(), s => s.TradesToday >= before + 150, TimeSpan.FromSeconds(5), "the trades reported to the roster");
        Assert.Equal(before + 150, reported.TradesToday);
    }

    private async Task<T> ReadAsync<T>(string stateName, GrainId grainId)
        where T : new() => (await ReadStoredAsync<T>(stateName, grainId)).State ?? new T();

    private async Task<GrainState<T>> ReadStoredAsync<T>(string stateName, GrainId grainId)
    {
        var stored = new GrainState<T>();
        await Storage.ReadStateAsync(stateName, grainId, stored);
        return stored;
    }
}
