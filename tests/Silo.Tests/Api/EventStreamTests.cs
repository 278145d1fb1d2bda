using System.Net;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Tests.Api;

/// <summary>The SSE endpoints of a real silo as a plain HTTP client sees them.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class EventStreamTests(HttpSiloFixture fixture)
{
    [Fact]
    public async Task AStreamAnswersAtOnceEvenBeforeItsFirstEvent()
    {
        var (_, key, client) = await fixture.NewUserAsync("sse");
        var bot = await client.CreateBotAsync(new CreateBotRequest("quiet", "trading", ["BTCUSDT"], 5));

        // Nothing happens to a bot that is not started: the first thing the stream would send is the ping, 15 s away.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/bots/{bot.BotId}/events");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var headers = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        using var response = await fixture.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }
}
