using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Tests.Api;

/// <summary>A bot's history over HTTP follows the platform's paging contract: limit, cursor, next_cursor.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class HistoryPagingTests(HttpSiloFixture fixture)
{
    [Fact]
    public async Task RepliesComeNewestFirstAndTheCursorWalksToTheOldestThenEnds()
    {
        var (_, key, user) = await fixture.NewUserAsync("pager");
        var bot = await user.CreateBotAsync(new CreateBotRequest("chatty", "chat", ["BTCUSDT"]));
        await user.StartBotAsync(bot.BotId);
        foreach (var message in new[] { "help", "symbols", "status", "price", "help" })
        {
            await user.SendMessageAsync(bot.BotId, message);
        }

        var pages = new List<List<string>>();
        string? cursor = null;
        do
        {
            var page = await GetAsync(key, $"api/bots/{bot.BotId}/replies?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            pages.Add(page.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("message").GetString()!).ToList());
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null && pages.Count < 10);
        await user.DeleteBotAsync(bot.BotId);

        Assert.Equal([["help", "price"], ["status", "symbols"], ["help"]], pages);
    }

    [Fact]
    public async Task ACursorNoPageGaveIsABadRequestNamingTheCursor()
    {
        var (_, key, user) = await fixture.NewUserAsync("pager");
        var bot = await user.CreateBotAsync(new CreateBotRequest("t", "trading", ["BTCUSDT"], 5));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/bots/{bot.BotId}/trades?cursor=not-a-cursor");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await fixture.Http.SendAsync(request);
        var empty = await GetAsync(key, $"api/bots/{bot.BotId}/signals");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cursor", await response.Content.ReadAsStringAsync());
        Assert.Equal((0, JsonValueKind.Null), (empty.GetProperty("signals").GetArrayLength(), empty.GetProperty("next_cursor").ValueKind));
    }

    private async Task<JsonElement> GetAsync(string key, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await fixture.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
