using Microsoft.Extensions.DependencyInjection;
using OrleansBots.Cache;
using OrleansBots.Quotas;

namespace OrleansBots.Tests.Quotas;

/// <summary>Cooldowns and quotas through the router and the shard grains of the shared test cluster (64 shards).</summary>
[Collection(ClusterCollection.Name)]
public sealed class CooldownsTests(ClusterFixture fixture)
{
    private static readonly CooldownRule LongCooldown = new(TimeSpan.FromMinutes(5), 0);

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private Cooldowns Cooldowns => fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<Cooldowns>();

    [Fact]
    public async Task KeysSpreadOverTheShardsAndEachShardTracksOnlyItsOwn()
    {
        var keys = Enumerable.Range(0, 200).Select(i => $"{_run}:user:{i}").ToList();

        var answers = await Task.WhenAll(keys.Select(key => Cooldowns.TryActAsync(key, LongCooldown)));

        Assert.All(answers, answer => Assert.True(answer.Allowed));
        var shards = keys.Select(key => ShardedCache.ShardOf(key, 64)).ToList();
        Assert.True(shards.Distinct().Count() > 50);
        foreach (var (key, shard) in keys.Zip(shards).Take(20))
        {
            var owner = fixture.Grains.GetGrain<ICacheShardGrain>(shard);
            var other = fixture.Grains.GetGrain<ICacheShardGrain>((shard + 1) % 64);
            Assert.False((await owner.TryAct(key, LongCooldown)).Allowed);
            Assert.True((await other.TryAct(key, LongCooldown)).Allowed);
        }
    }

    [Fact]
    public async Task TheDefaultRuleRefusesASecondActionWithinTenSecondsAndSaysWhenToRetry()
    {
        var key = $"{_run}:chat:alice";

        var first = await Cooldowns.TryActAsync(key);
        var second = await Cooldowns.TryActAsync(key);
        var someoneElse = await Cooldowns.TryActAsync($"{_run}:chat:bob");

        Assert.True(first.Allowed);
        Assert.Equal((false, CooldownLimit.Cooldown), (second.Allowed, second.Limit));
        Assert.InRange(second.RetryAfter, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10));
        Assert.True(someoneElse.Allowed);
    }

    [Fact]
    public async Task TheHourlyQuotaHoldsUnderConcurrentActionsOfOneKey()
    {
        var key = $"{_run}:api:carol";
        var rule = new CooldownRule(TimeSpan.Zero, 20);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Cooldowns.TryActAsync(key, rule)));

        Assert.Equal(20, answers.Count(answer => answer.Allowed));
        var refused = answers.Where(answer => !answer.Allowed).ToList();
        Assert.Equal(30, refused.Count);
        Assert.All(refused, answer => Assert.Equal((CooldownLimit.HourlyQuota, 20, 20), (answer.Limit, answer.UsedLastHour, answer.HourlyQuota)));
        Assert.All(refused, answer => Assert.InRange(answer.RetryAfter, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task BotActionsOfAUserAreCountedApartFromOtherKeysAndClearingTheCacheKeepsThem()
    {
        var user = $"{_run}-dave";
        var shard = fixture.Grains.GetGrain<ICacheShardGrain>(ShardedCache.ShardOf($"bot-actions:{user}", 64));
        var before = await shard.CountCooldownKeys();

        var answers = new List<CooldownAnswer>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await Cooldowns.TryBotActionAsync(user));
        }

        await fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<ShardedCache>().ClearAsync($"bot-actions:{user}");
        var after = await Cooldowns.TryBotActionAsync(user);

        Assert.All(answers, answer => Assert.True(answer.Allowed));
        Assert.Equal(31, after.UsedLastHour);
        Assert.Equal(1000, after.HourlyQuota); // README: Cooldowns__BotActionsPerHour defaults to 1000
        Assert.Equal(before + 1, await shard.CountCooldownKeys());
    }
}
