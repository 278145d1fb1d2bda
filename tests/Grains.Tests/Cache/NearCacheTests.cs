using Microsoft.Extensions.Time.Testing;
using OrleansBots.Cache;

namespace OrleansBots.Tests.Cache;

public sealed class NearCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task AValueIsServedForTheNearTtlAndNotAMomentLonger()
    {
        var near = Near(ttl: TimeSpan.FromSeconds(2));
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10)), near.BeforeRead("k"));

        _time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.True(near.TryGet("k", out var value, out _));
        Assert.Equal([1], await value);
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.False(near.TryGet("k", out _, out _));
    }

    [Fact]
    public void AValueIsNeverServedPastItsOwnExpiry()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        near.Keep("k", new CachedValue([1], Start.AddSeconds(1)), near.BeforeRead("k"));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(near.TryGet("k", out _, out _));
    }

    [Fact]
    public void AReadThatBeganBeforeALocalWriteOfItsKeyIsNotKept()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        var ticket = near.BeforeRead("k");

        near.Forget("k");
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10)), ticket);

        Assert.False(near.TryGet("k", out _, out _));
    }

    [Fact]
    public async Task AWriteOfAKeyDropsItsHeldValueAndLeavesOtherKeysAlone()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        near.Keep("a", new CachedValue([1], Start.AddMinutes(10)), near.BeforeRead("a"));
        near.Keep("b", new CachedValue([2], Start.AddMinutes(10)), near.BeforeRead("b"));

        near.Forget("a");

        Assert.False(near.TryGet("a", out _, out _));
        Assert.True(near.TryGet("b", out var b, out _));
        Assert.Equal([2], await b);
    }

    [Fact]
    public void AClearDropsEverythingAndEveryReadThatBeganBeforeIt()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        near.Keep("a", new CachedValue([1], Start.AddMinutes(10)), near.BeforeRead("a"));
        var ticket = near.BeforeRead("b");

        near.ForgetAll();
        near.Keep("b", new CachedValue([2], Start.AddMinutes(10)), ticket);

        Assert.False(near.TryGet("a", out _, out _));
        Assert.False(near.TryGet("b", out _, out _));
        Assert.Equal(0, near.Count);
    }

    [Fact]
    public void TheNearCacheHoldsAtMostItsCapacity()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1), capacity: 100);

        for (var i = 0; i < 1_000; i++)
        {
            var key = $"k{i}";
            near.Keep(key, new CachedValue([1], Start.AddMinutes(10)), near.BeforeRead(key));
        }

        Assert.InRange(near.Count, 1, 100);
    }

    [Fact]
    public async Task ALocalSetHoldsTheValueItWroteForTheShorterOfItsTtlAndTheNearTtl()
    {
        var near = Near(ttl: TimeSpan.FromSeconds(2));
        near.Written("k", [7], TimeSpan.FromSeconds(1), near.BeginWrite("k"));

        Assert.True(near.TryGet("k", out var value, out _));
        Assert.Equal([7], await value);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(near.TryGet("k", out _, out _));
    }

    [Fact]
    public async Task WhileALocalSetIsOnItsWayTheCopyHeldBeforeItIsServedAndOnceStoredTheValueWritten()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10)), near.BeforeRead("k"));

        var set = near.BeginWrite("k");
        Assert.True(near.TryGet("k", out var during, out _));
        Assert.Equal([1], await during);

        near.Written("k", [2], TimeSpan.FromMinutes(10), set);
        Assert.True(near.TryGet("k", out var after, out _));
        Assert.Equal([2], await after);
    }

    [Fact]
    public void ASetThatFailedLeavesNoCopyOfTheKey()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10)), near.BeforeRead("k"));

        near.BeginWrite("k");
        near.Forget("k");

        Assert.False(near.TryGet("k", out _, out _));
    }

    [Fact]
    public void ASetOverlappedByAnotherLocalWriteOfItsKeyHoldsNothing()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        var first = near.BeginWrite("k");
        var second = near.BeginWrite("k");

        // The shard may have stored them in either order: neither value is known to be its last.
        near.Written("k", [2], TimeSpan.FromMinutes(10), second);
        near.Written("k", [1], TimeSpan.FromMinutes(10), first);

        Assert.False(near.TryGet("k", out _, out _));
    }

    [Fact]
    public async Task AReadThatBeganBeforeALocalSetFinishedDoesNotKeepWhatItRead()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        var set = near.BeginWrite("k");
        var read = near.BeforeRead("k");

        near.Written("k", [2], TimeSpan.FromMinutes(10), set);
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10)), read);

        Assert.True(near.TryGet("k", out var value, out _));
        Assert.Equal([2], await value);
    }

    [Fact]
    public void AHitInTheLastQuarterOfTheNearTtlAsksOneCallerAtATimeToRefresh()
    {
        var near = Near(ttl: TimeSpan.FromSeconds(4), refreshAhead: true);
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10)), near.BeforeRead("k"));

        _time.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        Assert.True(near.TryGet("k", out _, out var early));
        Assert.False(early);

        _time.Advance(TimeSpan.FromTicks(1));
        Assert.True(near.TryGet("k", out _, out var first));
        Assert.True(near.TryGet("k", out _, out var second));
        Assert.True(first);
        Assert.False(second);

        near.Refreshed("k");
        Assert.True(near.TryGet("k", out _, out var afterIt));
        Assert.True(afterIt);
    }

    [Fact]
    public async Task ARefreshedValueIsServedForAWholeNearTtlFromItsRead()
    {
        var near = Near(ttl: TimeSpan.FromSeconds(4), refreshAhead: true);
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10)), near.BeforeRead("k"));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(near.TryGet("k", out _, out var refresh));
        Assert.True(refresh);

        near.Keep("k", new CachedValue([2], Start.AddMinutes(10)), near.BeforeRead("k"));
        near.Refreshed("k");
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(near.TryGet("k", out var value, out var again));
        Assert.Equal([2], await value);
        Assert.False(again);
    }

    [Fact]
    public void AValueWhoseEntryEndsBeforeTheNearTtlIsNotRefreshedAhead()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1), refreshAhead: true);
        near.Keep("k", new CachedValue([1], Start.AddSeconds(2)), near.BeforeRead("k"));

        _time.Advance(TimeSpan.FromSeconds(1.9));

        Assert.True(near.TryGet("k", out _, out var refresh));
        Assert.False(refresh);
    }

    [Fact]
    public void WithoutRefreshAheadNoCallerIsAskedToRefresh()
    {
        var near = Near(ttl: TimeSpan.FromSeconds(4));
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10)), near.BeforeRead("k"));

        _time.Advance(TimeSpan.FromSeconds(3.9));

        Assert.True(near.TryGet("k", out _, out var refresh));
        Assert.False(refresh);
    }

    [Fact]
    public async Task AKeyARefreshFoundGoneLeavesTheNearCacheUnlessALocalSetCameMeanwhile()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1), refreshAhead: true);
        near.Keep("gone", new CachedValue([1], Start.AddMinutes(10)), near.BeforeRead("gone"));
        near.Keep("set", new CachedValue([1], Start.AddMinutes(10)), near.BeforeRead("set"));
        var goneRefresh = near.BeforeRead("gone");
        var setRefresh = near.BeforeRead("set");

        near.Written("set", [2], TimeSpan.FromMinutes(10), near.BeginWrite("set"));
        near.Missing("gone", goneRefresh);
        near.Missing("set", setRefresh);

        Assert.False(near.TryGet("gone", out _, out _));
        Assert.True(near.TryGet("set", out var value, out _));
        Assert.Equal([2], await value);
    }

    private NearCache Near(TimeSpan ttl, int capacity = 1_000, bool refreshAhead = false) => new(capacity, ttl, _time, refreshAhead);
}
