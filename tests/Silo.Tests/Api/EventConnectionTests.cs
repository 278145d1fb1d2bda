using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansBots.Silo.Api;

namespace OrleansBots.Silo.Tests.Api;

public sealed class EventConnectionTests
{
    [Fact]
    public async Task AReaderThatFallsMoreThanTheBufferBehindGetsOnlyTheClosingEventWithItsReason()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        using var connection = new EventConnection(new DefaultHttpContext(), buffer: 4, TimeSpan.FromMinutes(1), lifetime);

        var accepted = Enumerable.Range(1, 6).Select(n => connection.Post("trade", new { n })).ToList();
        var sent = await connection.ReadAllAsync(CancellationToken.None).ToListAsync();

        Assert.Equal([true, true, true, true, false, false], accepted);
        var closed = Assert.Single(sent);
        Assert.Equal("closed", closed.EventType);
        Assert.Equal(EventConnection.SlowReader, JsonDocument.Parse(closed.Data).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AReaderThatKeepsUpGetsEveryEventAndShutdownClosesTheStreamSayingSo()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        using var connection = new EventConnection(new DefaultHttpContext(), buffer: 4, TimeSpan.FromMinutes(1), lifetime);
        var received = new List<string>();
        connection.Post("trade", new { n = 1 });

        await foreach (var item in connection.ReadAllAsync(CancellationToken.None))
        {
            received.Add(item.EventType);
            if (received.Count == 1)
            {
                connection.Post("signal", new { n = 2 });
            }
            else if (received.Count == 2)
            {
                lifetime.StopApplication();
            }
        }

        Assert.Equal(["trade", "signal", "closed"], received);
    }
}
