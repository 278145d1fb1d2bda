using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrleansBots.Client;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Tests.Api;

[Collection(HttpSiloCollection.Name)]
public sealed class HttpApiTests(HttpSiloFixture fixture)
{
    private static readonly CreateBotRequest TradingBot = new("b1", "trading", ["BTCUSDT"], 5);

    [Fact]
    public async Task CapacityAnswersInTheMonitoringContractShape()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/admin/capacity", fixture.AdminToken);
        using var json = await JsonOf(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(json.RootElement.GetProperty("success").GetBoolean());
        var capacity = json.RootElement.GetProperty("capacity");
        Assert.Equal(
            ["available_slots", "can_accept_new", "current_bots", "max_bots", "percent_used", "status"],
            capacity.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(HttpSiloFixture.MaxBots, capacity.GetProperty("max_bots").GetInt32());
        Assert.Equal(JsonValueKind.Number, capacity.GetProperty("percent_used").ValueKind);
        Assert.Contains(capacity.GetProperty("status").GetString(), new[] { "LOW", "HEALTHY", "WARNING", "FULL" });
    }

    [Theory]
    [InlineData("GET", "api/admin/capacity")]
    [InlineData("GET", "api/admin/stats")]
    [InlineData("GET", "api/admin/users")]
    [InlineData("PUT", "api/admin/limits")]
    [InlineData("POST", "api/admin/users")]
    public async Task AdminEndpointsRefuseRequestsWithoutTheAdminToken(string method, string path)
    {
        using var none = await SendAsync(new HttpMethod(method), path, null, "{}");
        using var wrong = await SendAsync(new HttpMethod(method), path, "not-the-token", "{}");
        var (_, apiKey, _) = await fixture.NewUserAsync("eve");
        using var userKey = await SendAsync(new HttpMethod(method), path, apiKey, "{}");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, userKey.StatusCode);
        Assert.Contains("admin token", (await ErrorOf(none)), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("healthz")]
    [InlineData("readyz")]
    [InlineData("api/admin/health")]
    public async Task HealthEndpointsAreOpen(string path)
    {
        using var response = await fixture.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthShowsCapacityDependenciesAndSilos()
    {
        var health = await fixture.Admin.GetHealthAsync();

        Assert.Equal("healthy", health.Status);
        Assert.Equal(HttpSiloFixture.MaxBots, health.Capacity!.MaxBots);
        Assert.False(health.Postgres.Configured);
        Assert.False(health.Redis.Configured);
        Assert.Equal("active", Assert.Single(health.Silos).Status);
    }

    [Fact]
    public void TheGeneratedAdminTokenIsKeptPrivatelyInTheDataFolderAndNeverLogged()
    {
        var path = Path.Combine(fixture.DataFolder, "admin-token");

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Contains(path, fixture.Silo.Log);

        // Operators read it with `cat`: plain ASCII, no byte-order mark.
        Assert.All(File.ReadAllBytes(path), b => Assert.InRange(b, (byte)0x0A, (byte)0x7E));
        Assert.DoesNotContain(fixture.AdminToken, fixture.Silo.Log);
    }

    [Fact]
    public async Task CreatingAUserShowsTheApiKeyOnceAndRefusesADuplicate()
    {
        var (userId, apiKey, _) = await fixture.NewUserAsync("alice");

        var duplicate = await Assert.ThrowsAsync<OrleansBotsApiException>(() => fixture.Admin.CreateUserAsync(new CreateUserRequest(userId)));
        using var profile = await SendAsync(HttpMethod.Get, $"api/admin/users/{userId}", fixture.AdminToken);
        var profileText = await profile.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.DoesNotContain(apiKey, profileText);
        Assert.DoesNotContain("api_key", profileText);
        Assert.DoesNotContain(apiKey, fixture.Silo.Log);
    }

    [Fact]
    public async Task ABotGoesThroughItsLifecycleOverHttp()
    {
        var (_, _, user) = await fixture.NewUserAsync("bob");

        var created = await user.CreateBotAsync(TradingBot with { TickSeconds = 1 });
        var listed = await user.ListBotsAsync();
        var started = await user.StartBotAsync(created.BotId);
        var startedAgain = await user.StartBotAsync(created.BotId);
        var capacityWhileRunning = await fixture.Admin.GetCapacityAsync();
        var ticking = await Infrastructure.Eventually.Get(() => user.GetBotAsync(created.BotId), b => b.Ticks >= 2, TimeSpan.FromSeconds(15), "ticks");
        var stopped = await user.StopBotAsync(created.BotId);
        var trades = await user.GetTradesAsync(created.BotId);
        await user.DeleteBotAsync(created.BotId);
        var gone = await Assert.ThrowsAsync<NotFoundException>(() => user.GetBotAsync(created.BotId));

        Assert.Equal(("created", "trading", 1.0), (created.Status, created.Kind, created.TickSeconds));
        Assert.StartsWith("bot_", created.BotId);
        Assert.Contains(listed, b => b.BotId == created.BotId);
        Assert.Equal("running", started.Status);
        Assert.Equal("running", startedAgain.Status);
        Assert.Equal(1, capacityWhileRunning.Capacity.CurrentBots);
        Assert.True(ticking.Ticks >= 2);
        Assert.Equal(Math.Min(stopped.TradesTotal, 100), trades.Count);
        Assert.Equal("stopped", stopped.Status);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task AChatBotAnswersItsOwnerWhileItRuns()
    {
        var (_, apiKey, user) = await fixture.NewUserAsync("chatty");
        var bot = await user.CreateBotAsync(new CreateBotRequest("helper", "chat", ["ETHUSDT"]));
        using var early = await SendAsync(HttpMethod.Post, $"api/bots/{bot.BotId}/messages", apiKey, """{"text": "price"}""");
        await user.StartBotAsync(bot.BotId);
        try
        {
            var reply = await user.SendMessageAsync(bot.BotId, "price ETHUSDT");
            using var empty = await SendAsync(HttpMethod.Post, $"api/bots/{bot.BotId}/messages", apiKey, """{"text": ""}""");

            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Contains("not running", await ErrorOf(early));
            Assert.Equal("chat", bot.Kind);
            Assert.StartsWith("ETHUSDT is at ", reply.Text);
            Assert.Equal("price ETHUSDT", Assert.Single(await user.GetRepliesAsync(bot.BotId)).Message);
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("text", await ErrorOf(empty));
        }
        finally
        {
            await user.StopBotAsync(bot.BotId);
        }
    }

    [Fact]
    public async Task ChatMessagesOverTheSignalsPerMinuteLimitGet429()
    {
        await fixture.Admin.ChangeLimitsAsync(new LimitsRequest(MaxSignalsPerMinute: 2));
        var (_, apiKey, user) = await fixture.NewUserAsync("spammer");
        var bot = await user.CreateBotAsync(new CreateBotRequest("helper", "chat"));
        await user.StartBotAsync(bot.BotId);
        try
        {
            await user.SendMessageAsync(bot.BotId, "help");
            await user.SendMessageAsync(bot.BotId, "help");
            using var third = await SendAsync(HttpMethod.Post, $"api/bots/{bot.BotId}/messages", apiKey, """{"text": "help"}""");
            using var json = await JsonOf(third);

            Assert.Equal((HttpStatusCode)429, third.StatusCode);
            Assert.Equal("max_signals_per_minute", json.RootElement.GetProperty("limit").GetString());
            Assert.StartsWith("Signal limit reached (2/2 per minute", json.RootElement.GetProperty("error").GetString());
            Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
        finally
        {
            await user.StopBotAsync(bot.BotId);
            await fixture.Admin.ChangeLimitsAsync(new LimitsRequest(MaxSignalsPerMinute: 100));
        }
    }

    [Fact]
    public async Task TheSiloSaysWhichStorageAndClusteringItUses()
    {
        await Task.Yield();

        Assert.Contains("Storage: in memory", fixture.Silo.Log);
        Assert.Contains("Clustering: localhost", fixture.Silo.Log);
        Assert.Contains("MAX_CONCURRENT_BOTS=3", fixture.Silo.Log);
    }

    [Fact]
    public async Task PercentUsedIsWrittenAsADecimalNumber()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/admin/capacity", fixture.AdminToken);

        Assert.Matches("\"percent_used\":\\d+\\.\\d", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ATradingBotMayNameItsStrategy()
    {
        var (_, _, user) = await fixture.NewUserAsync("strat");

        var bot = await user.CreateBotAsync(TradingBot with { Strategy = "ma_crossover" });

        Assert.Equal("ma_crossover", bot.Strategy);
    }

    [Fact]
    public async Task ABodyWithAByteOrderMarkIsAccepted()
    {
        var (_, apiKey, _) = await fixture.NewUserAsync("bom");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/bots")
        {
            Content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"name": "b1", "symbols": ["BTCUSDT"]}""")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AnOversizedBodyGets413WithoutBeingReadWhole()
    {
        var (_, apiKey, _) = await fixture.NewUserAsync("big");

        using var response = await SendAsync(HttpMethod.Post, "api/bots", apiKey, "{\"name\": \"" + new string('x', 200_000) + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than", await ErrorOf(response));
    }

    [Fact]
    public async Task UnknownRoutesAndWrongMethodsAnswerInTheErrorShape()
    {
        using var unknown = await SendAsync(HttpMethod.Get, "api/nothing-here", fixture.AdminToken);
        using var wrongMethod = await SendAsync(HttpMethod.Delete, "api/admin/capacity", fixture.AdminToken);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("api/nothing-here", await ErrorOf(unknown));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Contains("DELETE", await ErrorOf(wrongMethod));
    }

    [Fact]
    public async Task RefusedCredentialsAskForABearerToken()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/bots", null);
        using var emptyCookie = new HttpRequestMessage(HttpMethod.Get, "api/admin/capacity");
        emptyCookie.Headers.Add("Cookie", "orleansbots_admin=");
        using var withEmptyCookie = await fixture.Http.SendAsync(emptyCookie);

        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, withEmptyCookie.StatusCode);
    }

    [Fact]
    public async Task SigningInWithoutAFormIsABadRequestNotAnError()
    {
        using var response = await fixture.Http.PostAsync("admin/login", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheCacheIsOfferedToClientsThroughTheSdk()
    {
        var admin = fixture.Admin;
        var prefix = $"sdk-{Guid.NewGuid():N}:";

        await admin.CacheSetAsync(prefix + "a", "alpha");
        await admin.CacheSetAsync(prefix + "b", "beta", TimeSpan.FromMilliseconds(300));
        await admin.CacheSetAsync("other-" + prefix, "kept");
        var a = await admin.CacheGetAsync(prefix + "a");
        await Task.Delay(600);
        var expired = await admin.CacheGetAsync(prefix + "b", "default");
        var deleted = await admin.CacheDeleteAsync(prefix + "a");
        var deletedAgain = await admin.CacheDeleteAsync(prefix + "a");
        await admin.CacheSetAsync(prefix + "c", "gamma");
        var cleared = await admin.CacheClearAsync(prefix);
        var stats = await admin.CacheStatsAsync();

        Assert.Equal("alpha", a);
        Assert.Equal("default", expired);
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Equal(1, cleared);
        Assert.Equal("kept", await admin.CacheGetAsync("other-" + prefix));
        Assert.Equal(64, stats.Shards.Count);
        Assert.True(stats.Total.Hits >= 1 && stats.Total.Misses >= 1);
    }

    [Fact]
    public async Task ConcurrentGetOrAddOnOneSdkClientCallsTheFactoryOnceAndAnotherClientFindsTheStoredValue()
    {
        var key = $"sdk-once-{Guid.NewGuid():N}";
        var calls = 0;
        var admin = fixture.Admin;

        var values = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => admin.CacheGetOrAddAsync(key, async _ =>
        {
            Interlocked.Increment(ref calls);
            await Task.Delay(100);
            return "made once";
        })));

        // The once-only guarantee is the client's; the server only keeps what it stored, which another client then reads.
        var other = fixture.Admin;
        var fromServer = await other.CacheGetOrAddAsync(key, _ =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult("made twice");
        });

        Assert.Equal(1, calls);
        Assert.All(values, v => Assert.Equal("made once", v));
        Assert.Equal("made once", fromServer);
    }

    [Fact]
    public async Task CacheRequestsAreCheckedLikeEveryOther()
    {
        using var noToken = await SendAsync(HttpMethod.Get, "api/admin/cache/stats", null);
        using var badTtl = await SendAsync(HttpMethod.Put, "api/admin/cache/entries/k", fixture.AdminToken, """{"value": "v", "ttl_seconds": -1}""");
        using var noValue = await SendAsync(HttpMethod.Put, "api/admin/cache/entries/k", fixture.AdminToken, "{}");
        using var missing = await SendAsync(HttpMethod.Get, $"api/admin/cache/entries/missing-{Guid.NewGuid():N}", fixture.AdminToken);

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Contains("ttl_seconds", await ErrorOf(badTtl));
        Assert.Contains("value", await ErrorOf(noValue));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task CreatingABotAnswers201WithItsIdAndStatus()
    {
        var (_, apiKey, _) = await fixture.NewUserAsync("carl");

        using var response = await SendAsync(HttpMethod.Post, "api/bots", apiKey, """{"name": "b1", "kind": "trading", "symbols": ["BTCUSDT"], "tick_seconds": 5}""");
        using var json = await JsonOf(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("created", json.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("bot_", json.RootElement.GetProperty("bot_id").GetString());
    }

    [Fact]
    public async Task AUserCanNeitherSeeNorTouchAnotherUsersBots()
    {
        var (_, _, alice) = await fixture.NewUserAsync("alice");
        var (_, bobKey, bob) = await fixture.NewUserAsync("bob");
        var bot = await alice.CreateBotAsync(TradingBot);

        var attempts = new[]
        {
            (HttpMethod.Get, $"api/bots/{bot.BotId}"),
            (HttpMethod.Post, $"api/bots/{bot.BotId}/start"),
            (HttpMethod.Post, $"api/bots/{bot.BotId}/stop"),
            (HttpMethod.Get, $"api/bots/{bot.BotId}/trades"),
            (HttpMethod.Get, $"api/bots/{bot.BotId}/signals"),
            (HttpMethod.Delete, $"api/bots/{bot.BotId}"),
        };
        foreach (var (method, path) in attempts)
        {
            using var response = await SendAsync(method, path, bobKey);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.DoesNotContain(await bob.ListBotsAsync(), b => b.BotId == bot.BotId);
        Assert.Equal("created", (await alice.GetBotAsync(bot.BotId)).Status);
    }

    [Fact]
    public async Task UserEndpointsNeedAValidApiKey()
    {
        var (userId, apiKey, _) = await fixture.NewUserAsync("dora");

        using var none = await SendAsync(HttpMethod.Get, "api/bots", null);
        using var garbage = await SendAsync(HttpMethod.Get, "api/bots", "garbage");
        using var forged = await SendAsync(HttpMethod.Get, "api/bots", $"{userId}.forged-secret");
        using var admin = await SendAsync(HttpMethod.Get, "api/bots", fixture.AdminToken);
        using var valid = await SendAsync(HttpMethod.Get, "api/bots", apiKey);

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK],
            new[] { none, garbage, forged, admin, valid }.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task StartingOnAFullPlatformAnswers503WithRetryAfterAndTheBotStaysStopped()
    {
        await fixture.Admin.ChangeLimitsAsync(new LimitsRequest(MaxConcurrentBots: 2));
        var runners = new List<(OrleansBotsUserClient Client, string BotId)>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var (_, _, client) = await fixture.NewUserAsync($"full{i}");
                var bot = await client.CreateBotAsync(TradingBot);
                await client.StartBotAsync(bot.BotId);
                runners.Add((client, bot.BotId));
            }

            var (_, lateKey, late) = await fixture.NewUserAsync("late");
            var lateBot = await late.CreateBotAsync(TradingBot);
            using var response = await SendAsync(HttpMethod.Post, $"api/bots/{lateBot.BotId}/start", lateKey);
            using var json = await JsonOf(response);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.False(json.RootElement.GetProperty("success").GetBoolean());
            Assert.Equal("Server full (2/2 bots active). Try again in a few minutes.", json.RootElement.GetProperty("error").GetString());
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Equal("created", (await late.GetBotAsync(lateBot.BotId)).Status);
            Assert.Equal(2, (await fixture.Admin.GetCapacityAsync()).Capacity.CurrentBots);
        }
        finally
        {
            foreach (var (client, botId) in runners)
            {
                await client.StopBotAsync(botId);
            }

            await fixture.Admin.ChangeLimitsAsync(new LimitsRequest(MaxConcurrentBots: HttpSiloFixture.MaxBots));
        }
    }

    [Fact]
    public async Task StartingOverTheUsersOwnLimitAnswers429NamingTheLimit()
    {
        var (_, apiKey, user) = await fixture.NewUserAsync("greedy");
        var first = await user.CreateBotAsync(TradingBot);
        var second = await user.CreateBotAsync(TradingBot with { Name = "b2" });
        await user.StartBotAsync(first.BotId);
        try
        {
            using var response = await SendAsync(HttpMethod.Post, $"api/bots/{second.BotId}/start", apiKey);
            using var json = await JsonOf(response);

            Assert.Equal((HttpStatusCode)429, response.StatusCode);
            Assert.StartsWith("Bot limit reached (1/1 running bots for your account)", json.RootElement.GetProperty("error").GetString());
            Assert.Equal("max_bots_per_user", json.RootElement.GetProperty("limit").GetString());
            Assert.True(json.RootElement.GetProperty("retry_after_seconds").GetInt32() > 0);
            Assert.Equal("created", (await user.GetBotAsync(second.BotId)).Status);
        }
        finally
        {
            await user.StopBotAsync(first.BotId);
        }
    }

    [Fact]
    public async Task AScriptThatCreatesStartsAndStopsTenBotsInARowIsNotRefusedByTheDefaultLimits()
    {
        var (_, _, user) = await fixture.NewUserAsync("script");

        for (var i = 0; i < 10; i++)
        {
            var bot = await user.CreateBotAsync(TradingBot with { Name = $"bot{i}" });
            Assert.Equal("running", (await user.StartBotAsync(bot.BotId)).Status);
            Assert.Equal("stopped", (await user.StopBotAsync(bot.BotId)).Status);
        }

        Assert.Equal(10, (await user.ListBotsAsync()).Count);
    }

    [Fact]
    public async Task AUsersOwnBotLimitOverridesThePlatformDefault()
    {
        var (_, _, user) = await fixture.NewUserAsync("pro", maxBots: 2);
        var bots = new[] { await user.CreateBotAsync(TradingBot), await user.CreateBotAsync(TradingBot) };
        try
        {
            foreach (var bot in bots)
            {
                Assert.Equal("running", (await user.StartBotAsync(bot.BotId)).Status);
            }
        }
        finally
        {
            foreach (var bot in bots)
            {
                await user.StopBotAsync(bot.BotId);
            }
        }
    }

    [Fact]
    public async Task AnOperatorCanRaiseOneUsersLimitWhileThePlatformRuns()
    {
        var (userId, _, user) = await fixture.NewUserAsync("grow");
        var bots = new[] { await user.CreateBotAsync(TradingBot), await user.CreateBotAsync(TradingBot) };
        await user.StartBotAsync(bots[0].BotId);
        try
        {
            using var raised = await SendAsync(HttpMethod.Put, $"api/admin/users/{userId}/limits", fixture.AdminToken, """{"max_bots": 2}""");
            using var json = await JsonOf(raised);
            var second = await user.StartBotAsync(bots[1].BotId);

            Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
            Assert.Equal(2, json.RootElement.GetProperty("user").GetProperty("max_bots").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("user").GetProperty("running_bots").GetInt32());
            Assert.Equal("running", second.Status);
        }
        finally
        {
            foreach (var bot in bots)
            {
                await user.StopBotAsync(bot.BotId);
            }
        }
    }

    [Fact]
    public async Task ChangingOneOfAUsersLimitsKeepsTheOther()
    {
        var (userId, _, _) = await fixture.NewUserAsync("keep", maxBots: 3);

        using var response = await SendAsync(HttpMethod.Put, $"api/admin/users/{userId}/limits", fixture.AdminToken, """{"max_trades_per_day": 5}""");
        using var json = await JsonOf(response);

        var user = json.RootElement.GetProperty("user");
        Assert.Equal((3, 5), (user.GetProperty("max_bots").GetInt32(), user.GetProperty("max_trades_per_day").GetInt32()));
    }

    [Fact]
    public async Task ChangingTheLimitsOfAnUnknownUserIsNotFound()
    {
        using var response = await SendAsync(HttpMethod.Put, "api/admin/users/nobody-here/limits", fixture.AdminToken, """{"max_bots": 2}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"name": "b1", "symbols": ["BTCUSDT"]""", "Malformed JSON")]
    [InlineData("", "empty")]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("""{"name": "b1", "symbols": ["BTCUSDT"], "colour": "red"}""", "colour")]
    [InlineData("""{"name": "b1", "symbols": ["BTCUSDT"], "tick_seconds": "fast"}""", "tick_seconds")]
    [InlineData("""{"name": 42, "symbols": ["BTCUSDT"]}""", "name")]
    [InlineData("""{"symbols": ["BTCUSDT"]}""", "name")]
    [InlineData("""{"name": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "symbols": ["BTCUSDT"]}""", "name")]
    [InlineData("""{"name": "b1", "kind": "rocket", "symbols": ["BTCUSDT"]}""", "kind")]
    [InlineData("""{"name": "b1"}""", "symbols")]
    [InlineData("""{"name": "b1", "symbols": ["BTC/USDT"]}""", "symbols")]
    [InlineData("""{"name": "b1", "symbols": ["BTCUSDT"], "tick_seconds": 0}""", "tick_seconds")]
    [InlineData("""{"name": "b1", "symbols": ["BTCUSDT"], "short_window": 30, "long_window": 20}""", "long_window")]
    [InlineData("""{"name": "b1", "kind": "trading,chat", "symbols": ["BTCUSDT"]}""", "kind")]
    [InlineData("""{"name": "b\u0000\u202e1", "symbols": ["BTCUSDT"]}""", "name")]
    [InlineData("""{"name": "b1", "symbols": ["BTCUSDT"], "strategy": "martingale"}""", "strategy")]
    [InlineData("""{"name": "b1", "symbols": ["BTCUSDT"], "name": "b2"}""", "name")]
    public async Task ABadBotDefinitionGets400NamingTheProblem(string body, string named)
    {
        var (_, apiKey, _) = await fixture.NewUserAsync("typo");

        using var response = await SendAsync(HttpMethod.Post, "api/bots", apiKey, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await ErrorOf(response), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("GET", "api/bots/bad!id", "bot_id")]
    [InlineData("POST", "api/bots/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/start", "bot_id")]
    [InlineData("GET", "api/bots/bot_1/trades?limit=abc", "limit")]
    public async Task ABadIdOrParameterGets400NamingIt(string method, string path, string named)
    {
        var (_, apiKey, _) = await fixture.NewUserAsync("params");

        using var response = await SendAsync(new HttpMethod(method), path, apiKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await ErrorOf(response));
    }

    [Theory]
    [InlineData("""{"user_id": "has space"}""", "user_id")]
    [InlineData("""{"user_id": "bob\n"}""", "user_id")]
    [InlineData("""{}""", "user_id")]
    [InlineData("""{"user_id": "ok-user", "max_bots": 0}""", "max_bots")]
    [InlineData("""{"user_id": "ok-user", "max_bots": "two"}""", "max_bots")]
    public async Task ABadUserGets400NamingTheField(string body, string named)
    {
        using var response = await SendAsync(HttpMethod.Post, "api/admin/users", fixture.AdminToken, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await ErrorOf(response));
    }

    [Theory]
    [InlineData("""{"max_concurrent_bots": 0}""", "max_concurrent_bots")]
    [InlineData("""{"max_bots_per_user": -1}""", "max_bots_per_user")]
    [InlineData("""{"alert_threshold": 101}""", "alert_threshold")]
    [InlineData("""{"max_trades_per_day": "lots"}""", "max_trades_per_day")]
    public async Task BadLimitsGet400AndChangeNothing(string body, string named)
    {
        var before = await fixture.Admin.GetCapacityAsync();

        using var response = await SendAsync(HttpMethod.Put, "api/admin/limits", fixture.AdminToken, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await ErrorOf(response));
        Assert.Equal(before.Capacity.MaxBots, (await fixture.Admin.GetCapacityAsync()).Capacity.MaxBots);
    }

    [Fact]
    public async Task LimitsChangeWhileRunning()
    {
        try
        {
            var changed = await fixture.Admin.ChangeLimitsAsync(new LimitsRequest(MaxConcurrentBots: 300, MaxBotsPerUser: 2));
            var capacity = await fixture.Admin.GetCapacityAsync();

            Assert.Equal((300, 2), (changed.Limits.MaxConcurrentBots, changed.Limits.MaxBotsPerUser));
            Assert.Equal(300, capacity.Capacity.MaxBots);
        }
        finally
        {
            await fixture.Admin.ChangeLimitsAsync(new LimitsRequest(MaxConcurrentBots: HttpSiloFixture.MaxBots, MaxBotsPerUser: 1));
        }
    }

    [Fact]
    public async Task StatsCountUsersBotsAndSilos()
    {
        var (_, _, user) = await fixture.NewUserAsync("stats");
        await user.CreateBotAsync(TradingBot);

        var stats = await Infrastructure.Eventually.Get(() => fixture.Admin.GetStatsAsync(), s => s.Bots["created"] >= 1, TimeSpan.FromSeconds(10), "bot counted");

        Assert.True(stats.Users >= 1);
        Assert.True(stats.Bots["created"] >= 1);
        Assert.Single(stats.Silos);
        Assert.True(stats.Cache.MaxBytes > 0);
        Assert.Empty(stats.RateLimits);
        Assert.Equal(stats.Silos[0].Address, stats.CapacityHost);
    }

    [Fact]
    public async Task TheOperatorPageShowsActiveBotsAndRefreshesEveryFiveSeconds()
    {
        using var page = await SendAsync(HttpMethod.Get, "admin", fixture.AdminToken);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Matches(@"Active Bots: \d+ / 3 slots \(\d+\.\d%\)", html);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"5\">", html);
        Assert.Contains("Free slots", html);
    }

    [Fact]
    public async Task TheOperatorPageAsksForTheTokenAndRemembersIt()
    {
        using var anonymous = await fixture.Http.GetAsync("admin");
        var handler = new HttpClientHandler { UseCookies = true, AllowAutoRedirect = true };
        using var browser = new HttpClient(handler) { BaseAddress = fixture.Silo.BaseAddress };
        using var login = await browser.PostAsync("admin/login", new FormUrlEncodedContent([new("token", fixture.AdminToken)]));
        var html = await login.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("<form", await anonymous.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Active Bots:", html);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        using var response = await fixture.Http.GetAsync("openapi/v1.json");
        using var json = await JsonOf(response);

        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/bots/{bot_id}/start", out _));
        Assert.True(paths.TryGetProperty("/api/admin/capacity", out _));
        var createBot = paths.GetProperty("/api/bots").GetProperty("post");
        Assert.True(createBot.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Equal(JsonValueKind.Array, createBot.GetProperty("security").ValueKind);
        Assert.Equal("bearer", json.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }

    [Theory]
    [InlineData("/api/bots", "post", "201", "BotView")]
    [InlineData("/api/bots", "post", "413", "ErrorResponse")]
    [InlineData("/api/bots/{bot_id}/start", "post", "200", "BotView")]
    [InlineData("/api/bots/{bot_id}/start", "post", "403", "ErrorResponse")]
    [InlineData("/api/bots/{bot_id}/start", "post", "404", "ErrorResponse")]
    [InlineData("/api/bots/{bot_id}/start", "post", "429", "ErrorResponse")]
    [InlineData("/api/bots/{bot_id}/start", "post", "503", "ErrorResponse")]
    [InlineData("/api/bots/{bot_id}/messages", "post", "409", "ErrorResponse")]
    [InlineData("/api/admin/health", "get", "503", "HealthResponse")]
    [InlineData("/api/admin/stats", "get", "200", "StatsResponse")]
    [InlineData("/api/admin/users/{user_id}", "get", "404", "ErrorResponse")]
    [InlineData("/api/admin/cache/entries/{key}", "put", "400", "ErrorResponse")]
    [InlineData("/api/admin/metrics/report", "get", "503", "ErrorResponse")]
    public async Task TheOpenApiDocumentGivesTheShapeOfEachAnswerAnEndpointReturns(string path, string method, string status, string schema)
    {
        using var response = await fixture.Http.GetAsync("openapi/v1.json");
        using var json = await JsonOf(response);

        var answer = json.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status);

        Assert.Equal($"#/components/schemas/{schema}", answer.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? body = null) =>
        fixture.SendAsync(method, path, token, body);

    private static async Task<JsonDocument> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    private static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        using var json = await JsonOf(response);
        Assert.False(json.RootElement.GetProperty("success").GetBoolean());
        return json.RootElement.GetProperty("error").GetString()!;
    }
}
