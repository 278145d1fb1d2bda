using System.Net.Sockets;
using System.Text;
using OrleansBots.Silo.Tests.Api;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Security;

/// <summary>A client that hangs up in the middle of its request is no error of the silo's: noted at debug level, no stack trace.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class ClientHangUpTests(HttpSiloFixture fixture)
{
    [Fact]
    public async Task AClientThatHangsUpMidBodyIsNotedAtDebugWithoutAStackTrace()
    {
        var (_, key, _) = await fixture.NewUserAsync("hang");
        var logBefore = fixture.Silo.Log.Length;

        // A reset (a client that dies) and a half-close (a client whose body ends early, then goes), a few times each.
        for (var i = 0; i < 3; i++)
        {
            await HangUpAsync(key, halfClose: false);
            await HangUpAsync(key, halfClose: true);
        }

        // A half-closed request may still get its 400 before the client goes: not every hang-up is one the silo sees.
        await Eventually.Get(() => Task.FromResult(fixture.Silo.Log[logBefore..]), l => Noted(l).Count > 0, TimeSpan.FromSeconds(15), "a hang-up noted");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var log = fixture.Silo.Log[logBefore..];
        var lines = log.Split('\n');

        Assert.All(Noted(log), l => Assert.Contains("dbug:", l, StringComparison.Ordinal));
        Assert.All(Noted(log), l => Assert.DoesNotContain(" at ", l, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("Request POST /api/bots ", StringComparison.Ordinal));
    }

    /// <summary>The silo's notes of a hang-up: its own, or the ASP.NET Core exception handler's for a request aborted mid-read.</summary>
    private static List<string> Noted(string log) => log.Split('\n')
        .Where(l => l.Contains("POST /api/bots hung up", StringComparison.Ordinal) || l.Contains("The request was aborted by the client", StringComparison.Ordinal))
        .ToList();

    private async Task HangUpAsync(string key, bool halfClose)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", fixture.Silo.HttpPort);
        var stream = client.GetStream();
        var head = $"POST /api/bots HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {key}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"name\": \"half";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.FlushAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        if (halfClose)
        {
            client.Client.Shutdown(SocketShutdown.Send);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }

        // Closing with a zero linger resets the connection, as a client that dies or gives up does.
        client.Client.LingerState = new LingerOption(true, 0);
    }
}
