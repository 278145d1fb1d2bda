using Microsoft.Extensions.Time.Testing;
using OrleansBots.Bots;
using OrleansBots.Feeds;
using OrleansBots.Quotas;

namespace OrleansBots.Tests.Feeds;

/// <summary>A silo's new-token bots, the note of refused owners, and the fan-out over them, without Orleans.</summary>
public sealed class NewTokenFanOutTests
{
    private static readonly NewToken Passing = new("mint-1", "TOK", "Token", MarketCapSol: 30m, InitialBuy: 2_000_000m, DateTimeOffset.Parse("2026-12-03T09:00:00Z"));

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-03T09:00:00Z"));
    private readonly NewTokenBots _bots = new();
    private readonly List<(string BotId, Signal Signal)> _given = [];
    private readonly Dictionary<string, int> _asked = [];

    [Fact]
    public void ABotIsRegisteredOnceHoweverOftenItRegistersAndGoneOnceItUnregisters()
    {
        _bots.Register("bot-1", "user-1");
        _bots.Register("bot-1", "user-1");
        _bots.Register("bot-2", "user-2");
        _bots.Unregister("bot-2");
        _bots.Unregister("never-registered");

        Assert.Equal([("bot-1", "user-1")], _bots.Running());
    }

    [Fact]
    public void AnOwnerIsRefusedUntilTheNotedTimeAndNotAfter()
    {
        var refusals = new SignalRefusals();
        refusals.Refused("user-1", _time.GetUtcNow() + TimeSpan.FromSeconds(20));

        Assert.True(refusals.Refuses("user-1", _time.GetUtcNow() + TimeSpan.FromSeconds(19)));
        Assert.False(refusals.Refuses("user-2", _time.GetUtcNow()));
        Assert.False(refusals.Refuses("user-1", _time.GetUtcNow() + TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task APassingTokenIsOneBuySignalForEveryRegisteredBotAndAFailingOneAsksNobody()
    {
        _bots.Register("bot-1", "user-1");
        _bots.Register("bot-2", "user-2");
        var fanOut = new NewTokenFanOut(_bots, NewTokenFilter.Default, _time);

        var handed = await fanOut.HandAsync(Passing, Allow(limit: 100), Give);
        var tiny = await fanOut.HandAsync(Passing with { Mint = "tiny", InitialBuy = 10m }, Allow(limit: 100), Give);

        Assert.Equal(2, handed);
        Assert.Equal(0, tiny);
        Assert.Equal(["bot-1", "bot-2"], _given.Select(g => g.BotId).Order());
        Assert.All(_given, g => Assert.Equal(("TOK", "buy"), (g.Signal.Symbol, g.Signal.Kind)));
        Assert.Equal(2, _asked.Values.Sum());
    }

    [Fact]
    public async Task AnOwnerOverTheLimitIsNotAskedAgainUntilTheQuotaWouldTakeASignal()
    {
        _bots.Register("bot-1", "user-1");
        var fanOut = new NewTokenFanOut(_bots, NewTokenFilter.Default, _time);
        var count = Allow(limit: 2);

        for (var i = 0; i < 10; i++)
        {
            await fanOut.HandAsync(Passing with { Mint = $"m-{i}" }, count, Give);
        }

        // Two allowed, the third refused with a retry in 60 s: the other seven are dropped on the note alone.
        Assert.Equal(2, _given.Count);
        Assert.Equal(3, _asked["user-1"]);
        Assert.Equal(8, fanOut.Refused);
        _time.Advance(TimeSpan.FromSeconds(60));
        await fanOut.HandAsync(Passing with { Mint = "later" }, count, Give);
        Assert.Equal(4, _asked["user-1"]);
    }

    private void Give(string botId, Signal signal) => _given.Add((botId, signal));

    /// <summary>An owner's quota: the first <paramref name="limit"/> signals allowed, the rest refused for 60 s.</summary>
    private Func<string, Task<SignalQuotaAnswer>> Allow(int limit) => userId =>
    {
        var used = _asked[userId] = _asked.GetValueOrDefault(userId) + 1;
        return Task.FromResult(used <= limit
            ? new SignalQuotaAnswer(true, used, limit, TimeSpan.Zero)
            : new SignalQuotaAnswer(false, limit, limit, TimeSpan.FromSeconds(60)));
    };
}
