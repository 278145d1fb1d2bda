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
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10), Version: 1), near.TicketFor("k"));

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
        near.Keep("k", new CachedValue([1], Start.AddSeconds(1), Version: 1), near.TicketFor("k"));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(near.TryGet("k", out _, out _));
    }

    [Fact]
    public void AReadThatBeganBeforeALocalDeleteOfItsKeyIsNotKept()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        var ticket = near.TicketFor("k");

        near.Forget("k");
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10), Version: 1), ticket);

        Assert.False(near.TryGet("k", out _, out _));
    }

    [Fact]
    public async Task AWriteOfAKeyDropsItsHeldValueAndLeavesOtherKeysAlone()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        near.Keep("a", new CachedValue([1], Start.AddMinutes(10), Version: 1), near.TicketFor("a"));
        near.Keep("b", new CachedValue([2], Start.AddMinutes(10), Version: 1), near.TicketFor("b"));

        near.Forget("a");

        Assert.False(near.TryGet("a", out _, out _));
        Assert.True(near.TryGet("b", out var b, out _));
        Assert.Equal([2], await b);
    }

    [Fact]
    public void AClearDropsEverythingAndEveryReadThatBeganBeforeIt()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        near.Keep("a", new CachedValue([1], Start.AddMinutes(10), Version: 1), near.TicketFor("a"));
        var ticket = near.TicketFor("b");

        near.ForgetAll();
        near.Keep("b", new CachedValue([2], Start.AddMinutes(10), Version: 1), ticket);

        Assert.False(near.TryGet("a", out _, out _));
        Assert.False(near.TryGet("b", out _, out _));
        Assert.Equal(0, near.Count);
    }

    [Fact]
    public void AClearEndsEveryCopyHeldBeforeItEvenOnesBeingReadMeanwhile()
    {
        // The LRU's own Clear can leave a copy that is being hit while it runs (thousands in this loop without the
        // clears count each copy carries). The system clock: the fake one's lock slows the readers down too much.
        var near = new NearCache(100, TimeSpan.FromMinutes(1), TimeProvider.System);
        var expiresAt = DateTimeOffset.UtcNow.AddMinutes(10);
        var keys = Enumerable.Range(0, 200).Select(i => $"k{i}").ToArray();
        var stop = false;
        var readers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                foreach (var key in keys.AsSpan(0, 5))
                {
                    near.TryGet(key, out var value, out var refresh);
                }
            }
        })).ToArray();
        foreach (var reader in readers)
        {
            reader.Start();
        }

        var servedAfterClear = 0;
        for (var round = 1; round <= 5_000; round++)
        {
            foreach (var key in keys)
            {
                near.Keep(key, new CachedValue([1], expiresAt, Version: round), near.TicketFor(key));
            }

            near.ForgetAll();
            servedAfterClear += keys.Count(key => near.TryGet(key, out _, out _));
        }

        Volatile.Write(ref stop, true);
        foreach (var reader in readers)
        {
            reader.Join();
        }

        Assert.Equal(0, servedAfterClear);
    }

    [Fact]
    public void TheNearCacheHoldsAtMostItsCapacity()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1), capacity: 100);

        for (var i = 0; i < 1_000; i++)
        {
            var key = $"k{i}";
            near.Keep(key, new CachedValue([1], Start.AddMinutes(10), Version: 1), near.TicketFor(key));
        }

        Assert.InRange(near.Count, 1, 100);
    }

    [Fact]
    public async Task ALocalSetHoldsTheValueItWroteForTheShorterOfItsTtlAndTheNearTtl()
    {
        var near = Near(ttl: TimeSpan.FromSeconds(2));
        near.Written("k", [7], TimeSpan.FromSeconds(1), version: 1, near.TicketFor("k"));

        Assert.True(near.TryGet("k", out var value, out _));
        Assert.Equal([7], await value);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(near.TryGet("k", out _, out _));
    }

    [Fact]
    public async Task WhileALocalSetIsOnItsWayTheCopyHeldBeforeItIsServedAndOnceStoredTheValueWritten()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10), Version: 1), near.TicketFor("k"));

        var set = near.TicketFor("k");
        Assert.True(near.TryGet("k", out var during, out _));
        Assert.Equal([1], await during);

        near.Written("k", [2], TimeSpan.FromMinutes(10), version: 2, set);
        Assert.True(near.TryGet("k", out var after, out _));
        Assert.Equal([2], await after);
    }

    [Fact]
    public void ASetThatFailedLeavesNoCopyOfTheKeyNorWhatAReadThatBeganBeforeItBrings()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10), Version: 1), near.TicketFor("k"));
        var read = near.TicketFor("k");

        near.Forget("k");
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10), Version: 1), read);

        Assert.False(near.TryGet("k", out _, out _));
    }

    [Fact]
    public void AReadThatBeganBeforeALocalSetThatWasNotHeldDoesNotBringBackTheValueFromBeforeTheSet()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));

        // A set of another key of the stripe, on a shard whose silo's clock is ahead, came first with a larger version.
        var other = StripeMate(near, "k");
        near.Written(other, [1], TimeSpan.FromMinutes(10), version: 100, near.TicketFor(other));
        var read = near.TicketFor("k");
        var set = near.TicketFor("k");

        near.Written("k", [3], TimeSpan.FromMinutes(10), version: 50, set);
        near.Keep("k", new CachedValue([2], Start.AddMinutes(10), Version: 40), read);

        Assert.False(near.TryGet("k", out _, out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OfTwoOverlappingSetsOfAKeyTheOneTheShardStoredLastIsHeldWhicheverIsAnsweredFirst(bool laterAnsweredFirst)
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        var first = near.TicketFor("k");
        var second = near.TicketFor("k");

        var answers = new (byte Value, long Version, NearCache.Ticket Ticket)[] { (1, 10, first), (2, 11, second) };
        foreach (var (value, version, ticket) in laterAnsweredFirst ? answers.Reverse() : answers)
        {
            near.Written("k", [value], TimeSpan.FromMinutes(10), version, ticket);
        }

        Assert.True(near.TryGet("k", out var held, out _));
        Assert.Equal([2], await held);
    }

    [Fact]
    public void ASetAnsweredAfterALaterSetOfAnotherKeyOfItsStripeDropsTheCopyFromBeforeIt()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10), Version: 5), near.TicketFor("k"));
        var set = near.TicketFor("k");

        // Another key of the same stripe answered a set with a larger version first: this set is not known to be the
        // shard's last, and the copy from before it is older than it.
        var other = StripeMate(near, "k");
        near.Written(other, [9], TimeSpan.FromMinutes(10), version: 1_000, near.TicketFor(other));

        near.Written("k", [2], TimeSpan.FromMinutes(10), version: 10, set);

        Assert.False(near.TryGet("k", out _, out _));
    }

    [Theory]
    [InlineData(4, 1, 2)] // the value from before the set (version 5): not kept
    [InlineData(6, 3, 3)] // a value stored after it, by another silo's set: kept
    public async Task AReadThatBeganBeforeALocalSetIsKeptOnlyIfItBringsAValueStoredAfterTheSet(long readVersion, byte read, byte held)
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        var set = near.TicketFor("k");
        var reading = near.TicketFor("k");

        near.Written("k", [2], TimeSpan.FromMinutes(10), version: 5, set);
        near.Keep("k", new CachedValue([read], Start.AddMinutes(10), readVersion), reading);

        Assert.True(near.TryGet("k", out var value, out _));
        Assert.Equal(new[] { held }, await value);
    }

    [Fact]
    public async Task AReadBringingAnOlderValueThanTheOneHeldDoesNotReplaceIt()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        var slow = near.TicketFor("k");
        near.Keep("k", new CachedValue([2], Start.AddMinutes(10), Version: 8), near.TicketFor("k"));

        near.Keep("k", new CachedValue([1], Start.AddMinutes(10), Version: 7), slow);

        Assert.True(near.TryGet("k", out var value, out _));
        Assert.Equal([2], await value);
    }

    [Fact]
    public async Task SetsOfOtherKeysStoredMeanwhileDoNotDropAReadOrASetStoredAfterThem()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1));
        var set = near.TicketFor("k");
        var read = near.TicketFor("r");

        // Far more keys than stripes: some share the stripe of "k" or of "r".
        for (var i = 0; i < 50_000; i++)
        {
            var other = $"other-{i}";
            near.Written(other, [9], TimeSpan.FromMinutes(10), version: 100 + i, near.TicketFor(other));
        }

        near.Written("k", [1], TimeSpan.FromMinutes(10), version: 1_000_000, set);
        near.Keep("r", new CachedValue([2], Start.AddMinutes(10), Version: 1_000_001), read);

        Assert.True(near.TryGet("k", out var k, out _));
        Assert.Equal([1], await k);
        Assert.True(near.TryGet("r", out var r, out _));
        Assert.Equal([2], await r);
    }

    [Fact]
    public void AHitInTheLastQuarterOfTheNearTtlAsksOneCallerAtATimeToRefresh()
    {
        var near = Near(ttl: TimeSpan.FromSeconds(4), refreshAhead: true);
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10), Version: 1), near.TicketFor("k"));

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
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10), Version: 1), near.TicketFor("k"));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(near.TryGet("k", out _, out var refresh));
        Assert.True(refresh);

        near.Keep("k", new CachedValue([2], Start.AddMinutes(10), Version: 1), near.TicketFor("k"));
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
        near.Keep("k", new CachedValue([1], Start.AddSeconds(2), Version: 1), near.TicketFor("k"));

        _time.Advance(TimeSpan.FromSeconds(1.9));

        Assert.True(near.TryGet("k", out _, out var refresh));
        Assert.False(refresh);
    }

    [Fact]
    public void WithoutRefreshAheadNoCallerIsAskedToRefresh()
    {
        var near = Near(ttl: TimeSpan.FromSeconds(4));
        near.Keep("k", new CachedValue([1], Start.AddMinutes(10), Version: 1), near.TicketFor("k"));

        _time.Advance(TimeSpan.FromSeconds(3.9));

        Assert.True(near.TryGet("k", out _, out var refresh));
        Assert.False(refresh);
    }

    [Fact]
    public async Task AKeyARefreshFoundGoneLeavesTheNearCacheUnlessALocalSetCameMeanwhile()
    {
        var near = Near(ttl: TimeSpan.FromMinutes(1), refreshAhead: true);
        near.Keep("gone", new CachedValue([1], Start.AddMinutes(10), Version: 1), near.TicketFor("gone"));
        near.Keep("set", new CachedValue([1], Start.AddMinutes(10), Version: 1), near.TicketFor("set"));
        var goneRefresh = near.TicketFor("gone");
        var setRefresh = near.TicketFor("set");

        near.Written("set", [2], TimeSpan.FromMinutes(10), version: 2, near.TicketFor("set"));
        near.Missing("gone", goneRefresh);
        near.Missing("set", setRefresh);

        Assert.False(near.TryGet("gone", out _, out _));
        Assert.True(near.TryGet("set", out var value, out _));
        Assert.Equal([2], await value);
    }

    /// <summary>Another key in the stripe of <paramref name="key"/>.</summary>
    private static string StripeMate(NearCache near, string key) =>
        Enumerable.Range(0, 1_000_000).Select(i => $"other-{i}").First(other => near.StripeOf(other) == near.StripeOf(key));

    private NearCache Near(TimeSpan ttl, int capacity = 1_000, bool refreshAhead = false) => new(capacity, ttl, _time, refreshAhead);
}
