using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Api;

/// <summary>A silo started with a small bot-action quota: over it, creating, starting and stopping answer 429.</summary>
public sealed class BotActionLimitTests
{
    private const string AdminToken = "bot-action-limit-admin-token-0123456789";

    [Fact]
    public async Task BotActionsOverTheHourlyQuotaAnswer429NamingTheLimitWithRetryAfter()
    {
        using var data = new TempFolder();
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["DATA_DIR"] = data.Path,
            ["ADMIN_TOKEN"] = AdminToken,
            ["Cooldowns__BotActionsPerHour"] = "3",
        });
        await silo.WaitReadyAsync();
        using var http = silo.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(http, AdminToken);
        var apiKey = (await admin.CreateUserAsync(new CreateUserRequest("limited"))).ApiKey;
        var user = new OrleansBotsUserClient(http, apiKey);
        var other = new OrleansBotsUserClient(http, (await admin.CreateUserAsync(new CreateUserRequest("unlimited"))).ApiKey);

        var first = await user.CreateBotAsync(new CreateBotRequest("b1", "trading", ["BTCUSDT"], 5));
        var second = await user.CreateBotAsync(new CreateBotRequest("b2", "trading", ["BTCUSDT"], 5));
        await user.StartBotAsync(first.BotId);
        using var stop = await PostAsync(http, $"api/bots/{first.BotId}/stop", apiKey, null);
        using var create = await PostAsync(http, "api/bots", apiKey, """{"name": "b3", "symbols": ["BTCUSDT"]}""");
        var refusedStart = await Assert.ThrowsAsync<OrleansBots.Client.LimitExceededException>(() => user.StartBotAsync(second.BotId));
        var someoneElse = await other.CreateBotAsync(new CreateBotRequest("b1", "trading", ["BTCUSDT"], 5));

        using var json = JsonDocument.Parse(await stop.Content.ReadAsStringAsync());
        var body = json.RootElement;
        Assert.Equal(HttpStatusCode.TooManyRequests, stop.StatusCode);
        Assert.Equal(["error", "limit", "retry_after_seconds", "success"], body.EnumerateObject().Select(p => p.Name).Order());
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal("bot_actions_per_hour", body.GetProperty("limit").GetString());
        Assert.StartsWith("Bot action limit reached (3/3 ", body.GetProperty("error").GetString());
        var retryAfter = body.GetProperty("retry_after_seconds").GetInt32();
        Assert.InRange(retryAfter, 3500, 3600);
        Assert.Equal(retryAfter.ToString(), Assert.Single(stop.Headers.GetValues("Retry-After")));
        Assert.Equal(HttpStatusCode.TooManyRequests, create.StatusCode);
        Assert.Equal((HttpStatusCode.TooManyRequests, "bot_actions_per_hour"), (refusedStart.StatusCode, refusedStart.Limit));
        Assert.Equal("running", (await user.GetBotAsync(first.BotId)).Status);
        Assert.Equal("created", (await user.GetBotAsync(second.BotId)).Status);
        Assert.Equal(2, (await user.ListBotsAsync()).Count);
        Assert.Equal("created", someoneElse.Status);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string apiKey, string? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}
