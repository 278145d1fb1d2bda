using System.Net.Sockets;
using System.Text.Json;
using OrleansBots.Client;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Tests.Sdk;

/// <summary>
/// A reader of a bot's live events that stops reading, against a real silo: the silo holds at most
/// <c>Events__ConnectionBuffer</c> events for it, then drops it with a <c>closed</c> event saying why, instead of
/// growing its memory with everything the bot says.
/// </summary>
[Collection(SdkSiloCollection.Name)]
public sealed class SlowEventReaderTests(SdkSiloFixture fixture)
{
    private const int Messages = 1500;

    [Fact]
    public async Task AReaderThatStopsReadingIsDroppedWithTheSlowReaderReasonAndMissesWhatItWouldHaveHeld()
    {
        var apiKey = (await fixture.Admin.CreateUserAsync(new CreateUserRequest($"sse-slow-{Guid.NewGuid():N}"[..20]))).ApiKey;
        var user = new OrleansBotsUserClient(fixture.Http, apiKey);
        var bot = await user.CreateBotAsync(new CreateBotRequest("chatty", Kind: "chat", Symbols: ["BTCUSDT"]));
        await user.StartBotAsync(bot.BotId);
        try
        {
            // A receive buffer of a few KB: the kernel holds little for the reader, so the silo sees it stall.
            using var reader = new HttpClient(new SocketsHttpHandler { ConnectCallback = ConnectWithSmallBufferAsync }) { BaseAddress = fixture.Silo.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/bots/{bot.BotId}/events");
            request.Headers.Authorization = new("Bearer", apiKey);
            using var response = await reader.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();

            // Each reply event carries the 500-character question: about 1 MB in all, far more than any buffer on the way.
            var question = "price " + new string('x', 494);
            await Parallel.ForEachAsync(Enumerable.Range(0, Messages), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, ct) =>
                await user.SendMessageAsync(bot.BotId, question, ct));

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var text = await new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token)).ReadToEndAsync(timeout.Token);

            var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).ToList();
            var closed = Assert.Single(events, e => e.StartsWith("event: closed", StringComparison.Ordinal));
            Assert.Equal(events[^1], closed);
            using var reason = JsonDocument.Parse(closed.Split('\n').Single(line => line.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..]);
            Assert.Equal("slow_reader", reason.RootElement.GetProperty("reason").GetString());
            Assert.Contains("Last-Event-ID", reason.RootElement.GetProperty("message").GetString());
            var replies = events.Count(e => e.StartsWith("event: reply", StringComparison.Ordinal));
            // What the kernel's socket buffers held still arrives; what came after the drop does not.
            Assert.InRange(replies, 1, Messages - 1);
        }
        finally
        {
            await user.DeleteBotAsync(bot.BotId);
        }
    }

    private static async ValueTask<Stream> ConnectWithSmallBufferAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
