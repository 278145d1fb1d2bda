using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansBots.Bots;
using OrleansBots.Roster;
using OrleansBots.Storage;
using OrleansBots.Users;

namespace OrleansBots.Tests.Roster;

/// <summary>The roster in shard grains: what one user's change writes, listing across shards, and deleted users.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RosterShardGrainTests(ClusterFixture fixture)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private IGrainStorage Storage => fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StateNames.Store);

    [Fact]
    public async Task ARegistrationWritesOnlyTheSliceOfItsUsersShard()
    {
        var users = Enumerable.Range(0, 256).Select(i => $"{_run}-w{i:D3}").ToList();
        foreach (var userId in users)
        {
            Assert.True(await fixture.Grains.GetGrain<IUserGrain>(userId).Register([1], new UserLimits(null, null)));
        }

        var stored = new List<(int Shard, List<string> UserIds)>();
        for (var shard = 0; shard < IRosterShardGrain.ShardCount; shard++)
        {
            var state = new GrainState<RosterShardState>(new RosterShardState());
            await Storage.ReadStateAsync(StateNames.RosterShard, fixture.Grains.GetGrain<IRosterShardGrain>(shard).GetGrainId(), state);
            stored.Add((shard, state.State!.UserIds));
        }

        // Every user is stored once, in the shard their id hashes to; no shard's record holds a large part of them.
        Assert.Equal(users, stored.SelectMany(s => s.UserIds).Where(id => id.StartsWith(_run, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(stored, s => Assert.All(s.UserIds, id => Assert.Equal(s.Shard, RosterShards.ShardOf(id))));
        Assert.InRange(stored.Max(s => s.UserIds.Count(id => id.StartsWith(_run, StringComparison.Ordinal))), 1, users.Count / 8);
    }

    [Fact]
    public async Task UsersAreListedAcrossShardsInOrdinalOrderAPageAtATime()
    {
        var users = Enumerable.Range(0, 30).Select(i => $"{_run}-p{i:D2}").ToList();
        await Task.WhenAll(users.Select(id => fixture.Grains.GetGrain<IUserGrain>(id).Register([1], new UserLimits(null, null))));

        var listed = new List<string>();
        string? after = null;
        IReadOnlyList<string> page;
        do
        {
            page = await RosterShards.UserIdsAfterAsync(fixture.Grains, after, 7);
            listed.AddRange(page);
            after = page.Count > 0 ? page[^1] : after;
        }
        while (page.Count == 7);

        Assert.Equal(listed.Order(StringComparer.Ordinal).Distinct(), listed);
        Assert.Equal(users, listed.Where(id => id.StartsWith(_run, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ADeletedUserIsNeitherListedNorCountedAndTheirBotsAndTradesOfTodayLeaveTheStatistics()
    {
        var userId = $"{_run}-gone";
        var user = fixture.Grains.GetGrain<IUserGrain>(userId);
        await user.Register([1], new UserLimits(null, null));
        var bot = fixture.Grains.GetGrain<IBotGrain>($"{_run}-bot");
        await bot.Create(userId, new BotDefinition("gone", BotKind.Trading, ["BTCUSDT"], 5, 5, 20, 0.01m));
        await user.TryCountTrade();
        await user.TryCountTrade();
        var shard = RosterShards.Of(fixture.Grains, userId);
        var before = await Eventually.Get(() => shard.GetSummary(), s => s.TradesToday >= 2, TimeSpan.FromSeconds(5), "the trades counted in the shard");

        await bot.Delete();
        await user.Delete();
        var after = await Eventually.Get(
            () => shard.GetSummary(),
            s => s.BotCounts[BotStatus.Created] == before.BotCounts[BotStatus.Created] - 1,
            TimeSpan.FromSeconds(5),
            "the deleted bot uncounted");

        Assert.DoesNotContain(userId, await shard.GetUserIds(null, 100_000));
        Assert.DoesNotContain(userId, await RosterShards.UserIdsAfterAsync(fixture.Grains, $"{_run}-", 100));
        Assert.Equal((before.Users - 1, before.TradesToday - 2), (after.Users, after.TradesToday));
    }
}
