using System.Net;
using OrleansBots.Client;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Tests.Sdk;

/// <summary>Every call of <see cref="IOrleansBotsAdminClient"/> against a real silo process.</summary>
[Collection(SdkSiloCollection.Name)]
public sealed class AdminClientTests(SdkSiloFixture fixture)
{
    [Fact]
    public async Task UsersAreCreatedListedReadAndTheirLimitsChanged()
    {
        var admin = fixture.Admin;
        var userId = $"adm-{Guid.NewGuid():N}"[..20];

        var created = await admin.CreateUserAsync(new CreateUserRequest(userId, MaxBots: 1));
        var changed = await admin.ChangeUserLimitsAsync(userId, new UserLimitsRequest(MaxBots: 2, MaxTradesPerDay: 50));

        Assert.StartsWith(userId, created.ApiKey);
        Assert.Contains(userId, await admin.ListUsersAsync());
        Assert.Contains(userId, await admin.EnumerateUsersAsync(pageSize: 1).ToListAsync());
        Assert.Equal((2, 50), (changed.MaxBots, changed.MaxTradesPerDay));
        var read = await admin.GetUserAsync(userId);
        Assert.Equal((userId, 2, 50), (read.UserId, read.MaxBots, read.MaxTradesPerDay));
        await Assert.ThrowsAsync<NotFoundException>(() => admin.GetUserAsync("nobody-" + Guid.NewGuid().ToString("N")[..8]));
    }

    [Fact]
    public async Task AUsersKeyIsRotatedAndRevokedTheyAreDisabledEnabledAndDeletedAndTheAuditTrailSaysSo()
    {
        var admin = fixture.Admin;
        var userId = $"life-{Guid.NewGuid():N}"[..20];
        var first = await admin.CreateUserAsync(new CreateUserRequest(userId));
        var bot = await User(first.ApiKey).CreateBotAsync(new CreateBotRequest("kept", Symbols: ["BTCUSDT"], TickSeconds: 5));

        var rotated = await admin.RotateApiKeyAsync(userId);
        var oldKey = await Assert.ThrowsAsync<OrleansBotsApiException>(() => User(first.ApiKey).ListBotsAsync());
        Assert.Equal([bot.BotId], (await User(rotated.ApiKey).ListBotsAsync()).Select(b => b.BotId));

        var revoked = await admin.RevokeApiKeyAsync(userId);
        var noKey = await Assert.ThrowsAsync<OrleansBotsApiException>(() => User(rotated.ApiKey).ListBotsAsync());
        var reissued = await admin.RotateApiKeyAsync(userId);

        var disabled = await admin.DisableUserAsync(userId);
        var refused = await Assert.ThrowsAsync<OrleansBotsApiException>(() => User(reissued.ApiKey).ListBotsAsync());
        var enabled = await admin.EnableUserAsync(userId);
        Assert.Single(await User(reissued.ApiKey).ListBotsAsync());

        var deleted = await admin.DeleteUserAsync(userId);

        Assert.Equal(userId, rotated.UserId);
        Assert.NotEqual(first.ApiKey, rotated.ApiKey);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (oldKey.StatusCode, noKey.StatusCode));
        Assert.True(revoked.KeyRevoked);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal((true, false), (disabled.Disabled, enabled.Disabled));
        Assert.Equal((userId, true), (deleted.UserId, deleted.Deleted));
        Assert.Equal([bot.BotId], deleted.DeletedBots);
        await Assert.ThrowsAsync<NotFoundException>(() => admin.GetUserAsync(userId));
        await Assert.ThrowsAsync<NotFoundException>(() => admin.DisableUserAsync(userId));

        var trail = (await admin.GetAuditAsync(1000)).Where(e => e.Target == userId).Select(e => e.Action).ToList();
        Assert.Equal(["user.deleted", "user.enabled", "user.disabled", "api_key.rotated", "api_key.revoked", "api_key.rotated", "user.created"], trail);
        var paged = await admin.EnumerateAuditAsync(pageSize: 2).Take(6).ToListAsync();
        Assert.Equal((await admin.GetAuditAsync(6)).Select(e => e.Id), paged.Select(e => e.Id));
    }

    [Fact]
    public async Task CapacityStatsLimitsHealthAndAlertsAreRead()
    {
        var admin = fixture.Admin;

        var capacity = (await admin.GetCapacityAsync()).Capacity;
        var limits = await admin.GetLimitsAsync();
        var changed = await admin.ChangeLimitsAsync(new LimitsRequest(MaxTradesPerDay: 400));
        var stats = await admin.GetStatsAsync();
        var health = await admin.GetHealthAsync();
        var alerts = await admin.GetAlertsAsync();

        Assert.Equal(SdkSiloFixture.MaxBots, capacity.MaxBots);
        Assert.Equal(SdkSiloFixture.MaxBots, limits.Limits.MaxConcurrentBots);
        Assert.Equal(400, changed.Limits.MaxTradesPerDay);
        Assert.Equal(400, stats.Limits.MaxTradesPerDay);
        Assert.Single(stats.Silos);
        Assert.Single(health.Silos);
        Assert.Equal(stats.Alerts, alerts);
    }

    [Fact]
    public async Task TheCacheIsSetReadDeletedAndClearedThroughTheSdk()
    {
        var admin = fixture.Admin;
        var prefix = $"sdk-{Guid.NewGuid():N}"[..12] + ":";

        await admin.CacheSetAsync(prefix + "a", "1", TimeSpan.FromMinutes(5));
        await admin.CacheSetAsync(prefix + "b", "2");
        var added = await admin.CacheGetOrAddAsync(prefix + "c", _ => Task.FromResult("3"));

        Assert.Equal("1", await admin.CacheGetAsync(prefix + "a"));
        Assert.Equal("3", added);
        Assert.Equal("none", await admin.CacheGetAsync(prefix + "missing", "none"));
        Assert.True(await admin.CacheDeleteAsync(prefix + "a"));
        Assert.Null(await admin.CacheGetAsync(prefix + "a"));
        Assert.Equal(2, await admin.CacheClearAsync(prefix));
        Assert.True((await admin.CacheStatsAsync()).Shards.Count > 0);
    }

    [Fact]
    public async Task MetricsBottlenecksAndChartsAreRead()
    {
        var admin = fixture.Admin;

        var charts = await admin.ListChartsAsync();
        var svg = await admin.GetChartAsync("capacity", "svg", 10);
        var series = await admin.GetMetricSeriesAsync("bots_running", step: TimeSpan.FromMinutes(1));
        var report = await admin.GetMetricsReportAsync(TimeSpan.FromMinutes(5));
        var csv = await admin.ExportMetricsAsync("csv");
        var bottlenecks = await admin.GetBottlenecksAsync();

        Assert.Contains(charts, c => c.Name == "capacity");
        Assert.Contains("<svg", System.Text.Encoding.UTF8.GetString(svg));
        Assert.Equal("bots_running", series.Name);
        Assert.True(report.To > report.From);
        Assert.StartsWith("ts,", csv);
        Assert.True(bottlenecks.Success);
    }

    private OrleansBotsUserClient User(string apiKey) => new(fixture.Http, apiKey);

    [Fact]
    public async Task WatchingThePlatformGivesTheCurrentCapacityThenItsChangesAsBotsStartAndStop()
    {
        var (_, user) = await fixture.NewUserAsync("sdk-watch-cap");
        var bot = await user.CreateBotAsync(new CreateBotRequest("cap", Symbols: ["BTCUSDT"], TickSeconds: 5));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<int>();
        try
        {
            await foreach (var e in fixture.Admin.WatchPlatformAsync(timeout.Token))
            {
                if (e.Capacity is not { } capacity)
                {
                    continue;
                }

                seen.Add(capacity.CurrentBots);
                if (seen.Count == 1)
                {
                    await user.StartBotAsync(bot.BotId);
                }
                else if (capacity.CurrentBots == seen[0] + 1)
                {
                    await user.StopBotAsync(bot.BotId);
                }
                else if (capacity.CurrentBots == seen[0])
                {
                    break;
                }
            }
        }
        finally
        {
            await user.DeleteBotAsync(bot.BotId);
        }

        Assert.Equal([seen[0], seen[0] + 1, seen[0]], seen);
    }
}
