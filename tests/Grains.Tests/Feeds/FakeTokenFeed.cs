using System.Net.WebSockets;

namespace OrleansBots.Tests.Feeds;

/// <summary>
/// A PumpPortal-shaped new-token feed on loopback (<c>ws://127.0.0.1:PORT/api/data</c>): a client subscribes with
/// <c>{"method":"subscribeNewToken"}</c>, is confirmed, and then gets every token the test publishes; the test can
/// send duplicates and bursts and drop every connection.
/// </summary>
public sealed class FakeTokenFeed : FakeFeedServer
{
    private int _subscriptions;

    public int Subscriptions => Volatile.Read(ref _subscriptions);

    public static async Task<FakeTokenFeed> StartAsync()
    {
        var feed = new FakeTokenFeed();
        await feed.ListenAsync("/api/data");
        return feed;
    }

    /// <summary>A created token as PumpPortal sends it.</summary>
    public static string TokenJson(string mint, decimal initialBuy = 50_000_000m, decimal marketCapSol = 30m) =>
        $$"""{"signature":"sig-{{mint}}","mint":"{{mint}}","traderPublicKey":"creator","txType":"create","initialBuy":{{initialBuy}},"solAmount":1.5,"bondingCurveKey":"curve","vTokensInBondingCurve":1000000000,"vSolInBondingCurve":30,"marketCapSol":{{marketCapSol}},"name":"Token {{mint}}","symbol":"T{{mint}}","uri":"https://example.test/{{mint}}","pool":"pump"}""";

    protected override async Task<bool> OnSubscribeAsync(WebSocket socket, string message)
    {
        if (!message.Contains("subscribeNewToken", StringComparison.Ordinal))
        {
            return false;
        }

        await SendAsync(socket, """{"message":"Successfully subscribed to token creation events."}""");
        Interlocked.Increment(ref _subscriptions);
        return true;
    }
}
