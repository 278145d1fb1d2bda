using System.Net.WebSockets;
using OrleansBots.Feeds;

namespace OrleansBots.Tests.Feeds;

public sealed class FeedConnectionTests
{
    [Fact]
    public async Task AFeedThatStopsAnsweringPingsIsGivenUpWithinAFewPingIntervalsInsteadOfWaitedOnForever()
    {
        await using var server = new MuteWebSocketServer();
        await using var connection = new FeedConnection();
        await connection.ConnectAsync(server.Url, TimeSpan.FromMilliseconds(300), CancellationToken.None);

        var receiving = connection.ReceiveAsync(CancellationToken.None);
        var finished = await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(15)));

        Assert.Same(receiving, finished);
        // The socket aborts itself (an OperationCanceledException no caller's token asked for) with the missing pong
        // inside: the feed loop takes it as a lost connection and reconnects.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => receiving);
        Assert.Contains(Causes(error), cause => cause is WebSocketException);
    }

    private static IEnumerable<Exception> Causes(Exception error) =>
        error is AggregateException many
            ? many.InnerExceptions.SelectMany(Causes).Prepend(error)
            : error.InnerException is { } inner ? Causes(inner).Prepend(error) : [error];
}
