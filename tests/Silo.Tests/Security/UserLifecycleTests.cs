using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Api;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Security;

/// <summary>Keys and accounts over the admin API of a real silo: rotate, revoke, disable, enable, delete, the owned-bot cap, paging and the audit trail.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class UserLifecycleTests(HttpSiloFixture fixture)
{
    private static readonly CreateBotRequest TradingBot = new("life", "trading", ["BTCUSDT"], 5);

    // Longer than the dashboard's 5 s between counter samples (OrleansSetup), whose activation count the tests read.
    private static readonly TimeSpan DashboardSampling = TimeSpan.FromSeconds(7);

    [Fact]
    public async Task ARotatedKeyIsRefusedAtOnceAndTheNewOneWorks()
    {
        var (userId, oldKey, client) = await fixture.NewUserAsync("rot");
        await client.CreateBotAsync(TradingBot);

        using var rotated = await SendAsync(HttpMethod.Post, $"api/admin/users/{userId}/api-key", fixture.AdminToken);
        var newKey = (await JsonOf(rotated)).RootElement.GetProperty("api_key").GetString()!;
        using var withOld = await SendAsync(HttpMethod.Get, "api/bots", oldKey);
        using var withNew = await SendAsync(HttpMethod.Get, "api/bots", newKey);

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(oldKey, newKey);
        Assert.StartsWith(userId + ".", newKey, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        Assert.Single((await JsonOf(withNew)).RootElement.GetProperty("bots").EnumerateArray());
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedUntilANewOneIsIssued()
    {
        var (userId, key, _) = await fixture.NewUserAsync("rev");

        using var revoked = await SendAsync(HttpMethod.Delete, $"api/admin/users/{userId}/api-key", fixture.AdminToken);
        using var refused = await SendAsync(HttpMethod.Get, "api/bots", key);
        using var rotated = await SendAsync(HttpMethod.Post, $"api/admin/users/{userId}/api-key", fixture.AdminToken);
        using var works = await SendAsync(HttpMethod.Get, "api/bots", (await JsonOf(rotated)).RootElement.GetProperty("api_key").GetString());

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.True((await JsonOf(revoked)).RootElement.GetProperty("user").GetProperty("key_revoked").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);
    }

    [Fact]
    public async Task ADisabledUserIsRefusedAndTheirRunningBotsStopAndFreeTheirSlots()
    {
        var (userId, key, client) = await fixture.NewUserAsync("dis");
        var bot = await client.CreateBotAsync(TradingBot);
        await client.StartBotAsync(bot.BotId);
        var runningBefore = (await fixture.Admin.GetCapacityAsync()).Capacity.CurrentBots;

        using var disabled = await SendAsync(HttpMethod.Post, $"api/admin/users/{userId}/disable", fixture.AdminToken);
        using var refused = await SendAsync(HttpMethod.Get, "api/bots", key);
        var runningAfter = (await fixture.Admin.GetCapacityAsync()).Capacity.CurrentBots;
        using var enabled = await SendAsync(HttpMethod.Post, $"api/admin/users/{userId}/enable", fixture.AdminToken);
        var again = await client.GetBotAsync(bot.BotId);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await JsonOf(disabled)).RootElement.GetProperty("user").GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(runningBefore - 1, runningAfter);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal("stopped", again.Status);
    }

    [Fact]
    public async Task ADeletedUserLosesTheirKeyBotsAndRecordAndTheirSlotsAreFreed()
    {
        var (userId, key, client) = await fixture.NewUserAsync("del");
        var running = await client.CreateBotAsync(TradingBot);
        var idle = await client.CreateBotAsync(TradingBot);
        await client.StartBotAsync(running.BotId);
        var runningBefore = (await fixture.Admin.GetCapacityAsync()).Capacity.CurrentBots;

        using var deleted = await SendAsync(HttpMethod.Delete, $"api/admin/users/{userId}", fixture.AdminToken);
        using var user = await SendAsync(HttpMethod.Get, $"api/admin/users/{userId}", fixture.AdminToken);
        using var refused = await SendAsync(HttpMethod.Get, "api/bots", key);
        using var again = await SendAsync(HttpMethod.Delete, $"api/admin/users/{userId}", fixture.AdminToken);
        var runningAfter = (await fixture.Admin.GetCapacityAsync()).Capacity.CurrentBots;

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(
            new[] { running.BotId, idle.BotId }.Order(),
            (await JsonOf(deleted)).RootElement.GetProperty("deleted_bots").EnumerateArray().Select(b => b.GetString()).Order());
        Assert.Equal(HttpStatusCode.NotFound, user.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(runningBefore - 1, runningAfter);

        // The id is free again, and the new user owns none of the old bots.
        var recreated = await fixture.Admin.CreateUserAsync(new CreateUserRequest(userId));
        using var list = await SendAsync(HttpMethod.Get, "api/bots", recreated.ApiKey);
        Assert.Empty((await JsonOf(list)).RootElement.GetProperty("bots").EnumerateArray());
    }

    [Fact]
    public async Task UsersArePagedInIdOrderAndADeletedUserIsNeitherListedNorCountedInStats()
    {
        var prefix = $"lst{Guid.NewGuid():N}"[..11];
        var mine = Enumerable.Range(0, 9).Select(i => $"{prefix}-{i}").ToList();
        var keys = new List<string>();
        foreach (var userId in mine)
        {
            keys.Add((await fixture.Admin.CreateUserAsync(new CreateUserRequest(userId))).ApiKey);
        }

        await new OrleansBots.Client.OrleansBotsUserClient(fixture.Http, keys[4]).CreateBotAsync(TradingBot);
        var before = await Eventually.Get(() => StatsAsync(), s => s.Created > 0, TimeSpan.FromSeconds(10), "the new bot counted");

        using var deleted = await SendAsync(HttpMethod.Delete, $"api/admin/users/{mine[4]}", fixture.AdminToken);
        var after = await Eventually.Get(() => StatsAsync(), s => s.Created == before.Created - 1, TimeSpan.FromSeconds(10), "the deleted user's bot uncounted");
        var listed = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            using var page = await SendAsync(HttpMethod.Get, "api/admin/users?limit=4" + (cursor is null ? string.Empty : $"&cursor={cursor}"), fixture.AdminToken);
            var json = (await JsonOf(page)).RootElement;
            listed.AddRange(json.GetProperty("users").EnumerateArray().Select(u => u.GetString()!));
            cursor = json.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 1000);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(listed.Order(StringComparer.Ordinal).Distinct(), listed);
        Assert.Equal(mine.Where((_, i) => i != 4), listed.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Equal(before.Users - 1, after.Users);
        Assert.Equal(listed.Count, after.Users);
    }

    [Fact]
    public async Task AUserOwnsNoMoreBotsThanTheirCapAndTheRefusalNamesIt()
    {
        var (userId, key, client) = await fixture.NewUserAsync("cap");
        using var capped = await SendAsync(HttpMethod.Put, $"api/admin/users/{userId}/limits", fixture.AdminToken, "{\"max_owned_bots\": 2}");
        await client.CreateBotAsync(TradingBot);
        await client.CreateBotAsync(TradingBot);

        using var third = await SendAsync(HttpMethod.Post, "api/bots", key, JsonSerializer.Serialize(new { name = "third", symbols = new[] { "BTCUSDT" } }));
        var error = (await JsonOf(third)).RootElement;

        Assert.Equal(HttpStatusCode.OK, capped.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Equal("max_owned_bots", error.GetProperty("limit").GetString());
        Assert.Contains("2/2", error.GetProperty("error").GetString());
        Assert.Equal(2, (await client.ListBotsAsync()).Count);
    }

    [Fact]
    public async Task MyBotsArePagedWithLimitAndCursor()
    {
        var (_, key, client) = await fixture.NewUserAsync("page");
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await client.CreateBotAsync(TradingBot)).BotId);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            using var page = await SendAsync(HttpMethod.Get, "api/bots?limit=2" + (cursor is null ? string.Empty : $"&cursor={cursor}"), key);
            var json = (await JsonOf(page)).RootElement;
            seen.AddRange(json.GetProperty("bots").EnumerateArray().Select(b => b.GetProperty("bot_id").GetString()!));
            cursor = json.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        using var bad = await SendAsync(HttpMethod.Get, "api/bots?limit=1001", key);

        Assert.Equal(3, pages);
        Assert.Equal(created.Order(StringComparer.Ordinal), seen);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task AdminActionsAreInTheAuditTrailWithWhoWhatAndWhen()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (userId, _, _) = await fixture.NewUserAsync("aud");
        using var rotated = await SendAsync(HttpMethod.Post, $"api/admin/users/{userId}/api-key", fixture.AdminToken);
        using var limits = await SendAsync(HttpMethod.Put, $"api/admin/users/{userId}/limits", fixture.AdminToken, "{\"max_bots\": 2}");
        using var disabled = await SendAsync(HttpMethod.Post, $"api/admin/users/{userId}/disable", fixture.AdminToken);
        using var deleted = await SendAsync(HttpMethod.Delete, $"api/admin/users/{userId}", fixture.AdminToken);
        var newKey = (await JsonOf(rotated)).RootElement.GetProperty("api_key").GetString()!;

        using var audit = await SendAsync(HttpMethod.Get, "api/admin/audit?limit=1000", fixture.AdminToken);
        var body = await audit.Content.ReadAsStringAsync();
        var mine = JsonDocument.Parse(body).RootElement.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("target").GetString() == userId).Reverse().ToList();
        using var anonymous = await SendAsync(HttpMethod.Get, "api/admin/audit", null);

        Assert.Equal(
            ["user.created", "api_key.rotated", "user.limits_changed", "user.disabled", "user.deleted"],
            mine.Select(e => e.GetProperty("action").GetString()));
        Assert.All(mine, e => Assert.StartsWith("admin token from ", e.GetProperty("actor").GetString()));
        Assert.All(mine, e => Assert.True(e.GetProperty("at").GetDateTimeOffset() >= before));
        Assert.Contains("max_bots=2", mine[2].GetProperty("detail").GetString());
        Assert.DoesNotContain(newKey, body, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.AdminToken, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task MadeUpApiKeysActivateNoUserGrain()
    {
        // The dashboard samples its counters every 5 s (OrleansSetup): users that earlier tests activated must be in it first.
        await Task.Delay(DashboardSampling);
        var before = await UserGrainActivationsAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            var made = $"forged-{Guid.NewGuid():N}"[..20];
            foreach (var key in new[] { $"{made}.{Guid.NewGuid():N}.{Guid.NewGuid():N}"[..60], $"{made}.secret.AAAAAAAAAAAAAAAAAAAAAA", $"{made}.legacy-shaped" })
            {
                using var response = await SendAsync(HttpMethod.Get, "api/bots", key);
                statuses.Add(response.StatusCode);
            }
        }

        // Waiting longer than one sample shows any activations that the keys caused.
        await Task.Delay(DashboardSampling);
        var after = await UserGrainActivationsAsync();

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.True(after <= before, $"user grains active: {before} before, {after} after 120 made-up keys");
    }

    [Fact]
    public async Task TheOpenHealthEndpointShowsStatusAndCapacityButNoHostsOrSilosWithoutTheAdminToken()
    {
        using var anonymous = await SendAsync(HttpMethod.Get, "api/admin/health", null);
        using var admin = await SendAsync(HttpMethod.Get, "api/admin/health", fixture.AdminToken);
        var open = (await JsonOf(anonymous)).RootElement;
        var full = (await JsonOf(admin)).RootElement;

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal("healthy", open.GetProperty("status").GetString());
        Assert.True(open.GetProperty("capacity").GetProperty("max_bots").GetInt32() > 0);
        Assert.Empty(open.GetProperty("silos").EnumerateArray());
        Assert.DoesNotContain("127.0.0.1", open.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Silo.SiloPort.ToString(), open.GetRawText(), StringComparison.Ordinal);
        Assert.Contains($":{fixture.Silo.SiloPort}", full.GetProperty("silos")[0].GetProperty("address").GetString());
    }

    [Fact]
    public async Task TheOperatorPagesCookieIsASignedSessionAndItsChangesNeedTheCsrfToken()
    {
        var cookie = await fixture.SignInCookieAsync();
        using var page = await SendWithCookieAsync(HttpMethod.Get, "admin", cookie);
        var html = await page.Content.ReadAsStringAsync();
        var csrf = System.Text.RegularExpressions.Regex.Match(html, "name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        using var withoutCsrf = await SendWithCookieAsync(HttpMethod.Put, "api/admin/limits", cookie, "{}");
        using var withCsrf = await SendWithCookieAsync(HttpMethod.Put, "api/admin/limits", cookie, "{}", csrf);
        using var tokenAsCookie = await SendWithCookieAsync(HttpMethod.Get, "api/admin/capacity", $"orleansbots_admin={fixture.AdminToken}");

        Assert.DoesNotContain(fixture.AdminToken, cookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotEmpty(csrf);
        Assert.Equal(HttpStatusCode.Forbidden, withoutCsrf.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCsrf.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenAsCookie.StatusCode);
    }

    [Fact]
    public async Task ABrokenSignInFormIsABadRequest()
    {
        using var nul = await PostFormAsync("token=%00");
        using var many = await PostFormAsync(string.Join('&', Enumerable.Range(0, 5000).Select(i => $"f{i}=v")));
        using var truncated = new HttpRequestMessage(HttpMethod.Post, "admin/login")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nabc")),
        };
        truncated.Content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        using var multipart = await fixture.Http.SendAsync(truncated);

        Assert.InRange((int)nul.StatusCode, 400, 401);
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, multipart.StatusCode);
    }

    private async Task<(int Users, int Created)> StatsAsync()
    {
        using var stats = await SendAsync(HttpMethod.Get, "api/admin/stats", fixture.AdminToken);
        var json = (await JsonOf(stats)).RootElement;
        return (json.GetProperty("users").GetInt32(), json.GetProperty("bots").GetProperty("created").GetInt32());
    }

    private async Task<int> UserGrainActivationsAsync()
    {
        using var counters = await SendAsync(HttpMethod.Get, "dashboard/DashboardCounters", fixture.AdminToken);
        return (await JsonOf(counters)).RootElement.GetProperty("simpleGrainStats").EnumerateArray()
            .Where(g => g.GetProperty("grainType").GetString() == "OrleansBots.Users.UserGrain")
            .Sum(g => g.GetProperty("activationCount").GetInt32());
    }

    private Task<HttpResponseMessage> PostFormAsync(string form) =>
        fixture.Http.PostAsync("admin/login", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? body = null) =>
        fixture.SendAsync(method, path, token, body);

    private async Task<HttpResponseMessage> SendWithCookieAsync(HttpMethod method, string path, string cookie, string? body = null, string? csrf = null)
    {
        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = fixture.Silo.BaseAddress };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await browser.SendAsync(request);
    }

    private static async Task<JsonDocument> JsonOf(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync());
}
