using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Chat;

namespace OrleansBots.Silo.Tests.Chat;

/// <summary>A chat bot on two silo processes (Redis membership, PostgreSQL state) with a fake chat server and a fake model server in the test.</summary>
public sealed class ChatFailoverTests
{
    private const string Channel = "#failover";

    [RequiresServersFact(redis: true)]
    public async Task AChatBotKeepsAnsweringThroughTheKillOfItsSiloWithExactlyOneConnectionAfterwards()
    {
        await using var chat = await FakeChatServer.StartAsync();
        await using var model = await FakeModelServer.StartAsync();
        await using var pair = await SiloPair.StartAsync("chat-failover", maxConcurrentBots: 10, new Dictionary<string, string>
        {
            ["Chat__ServerUrl"] = chat.Url.ToString(),
            ["Chat__CredentialKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Chat__Models__0__Url"] = model.Url,
            ["Chat__Models__0__Model"] = "test-model",
            ["Chat__ReconnectDelay"] = "00:00:00.200",

            // The platform's default lease (30 s) outlasts the kill's detection; the pair's 6 s does not under load
            // (9-10 s seen). A bot whose lease expired first is called back only by the capacity grain's in-memory
            // watch of lost bots, lost when that grain goes with the dead silo's directory partition (docs/FAILOVER.md).
            ["Capacity__LeaseDuration"] = "00:00:30",
        });
        using var httpA = pair.A.CreateHttpClient();
        var apiKey = (await new OrleansBotsAdminClient(httpA, SiloEnvironment.AdminToken).CreateUserAsync(new CreateUserRequest("chat-failover-user"))).ApiKey;
        var user = new OrleansBotsUserClient(httpA, apiKey);
        var bot = await user.CreateBotAsync(new CreateBotRequest("streamer-bot", "chat", ["BTCUSDT"]));
        var put = await SendAsync(httpA, apiKey, HttpMethod.Put, bot.BotId, new { channel = Channel, nick = "failoverbot", token = chat.Token });
        await user.StartBotAsync(bot.BotId);
        await Eventually.Get(() => Task.FromResult(chat.Joined(Channel)), joined => joined == 1, TimeSpan.FromSeconds(30), "the bot in its channel");
        await chat.ViewerSaysAsync(Channel, "viewer1", "!ask before the crash?");
        await SaidAsync(chat, "@viewer1 answer to: before the crash?");

        var view = await SendAsync(httpA, apiKey, HttpMethod.Get, bot.BotId, null);
        var victim = pair.Hosting(view["chat"]!["connection"]!["silo"]!.GetValue<string>());
        var survivor = pair.Both.Single(s => s != victim);
        var connectionsBefore = chat.Connections;
        await victim.KillAsync();

        await Eventually.Get(
            () => Task.FromResult((chat.Connections, Joined: chat.Joined(Channel))),
            seen => seen.Connections > connectionsBefore && seen.Joined == 1,
            TimeSpan.FromSeconds(60),
            "the bot back in its channel from the survivor");
        await chat.ViewerSaysAsync(Channel, "viewer2", "!ask after the crash?");
        await SaidAsync(chat, "@viewer2 answer to: after the crash?");

        // A second connection would show up within a few renewals (1 s apart here).
        await Task.Delay(TimeSpan.FromSeconds(5));
        using var httpSurvivor = survivor.CreateHttpClient();
        var after = await SendAsync(httpSurvivor, apiKey, HttpMethod.Get, bot.BotId, null);
        Assert.Equal(1, chat.OpenConnections);
        Assert.Equal(1, chat.Joined(Channel));
        Assert.Same(survivor, pair.Hosting(after["chat"]!["connection"]!["silo"]!.GetValue<string>()));

        // The token is stored and used, never shown or logged.
        Assert.True(put["chat"]!["has_token"]!.GetValue<bool>());
        Assert.DoesNotContain(chat.Token, put.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(chat.Token, after.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(chat.Token, pair.A.Log + pair.B.Log, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> SendAsync(HttpClient http, string apiKey, HttpMethod method, string botId, object? body)
    {
        using var request = new HttpRequestMessage(method, $"api/bots/{botId}/chat");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} chat settings: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static Task<string> SaidAsync(FakeChatServer chat, string text) =>
        Eventually.Get(() => Task.FromResult(chat.Said(Channel).FirstOrDefault(said => said == text)), said => said is not null, TimeSpan.FromSeconds(30), $"'{text}' in {Channel}")!;
}
