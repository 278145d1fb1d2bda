using OrleansBots.Cache;
using OrleansBots.Tests.Quotas;

namespace OrleansBots.Tests.Cache;

public sealed class ExpiryQueueTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EveryEntryComesOutOnceExpiredAndNoneBeforeAfterAddsRemovalsAndRetimings()
    {
        var random = new Random(11);
        var queue = new ExpiryQueue();
        var entries = Enumerable.Range(0, 500).Select(i => new CacheEntry($"k{i}") { ExpiresAt = Start.AddSeconds(random.Next(10_000)) }).ToList();
        entries.ForEach(queue.Add);

        foreach (var removed in entries.Where((_, i) => i % 3 == 0).ToList())
        {
            queue.Remove(removed);
            entries.Remove(removed);
        }

        foreach (var retimed in entries.Where((_, i) => i % 4 == 0))
        {
            retimed.ExpiresAt = Start.AddSeconds(random.Next(10_000));
            queue.Changed(retimed);
        }

        var drained = new List<CacheEntry>();
        for (var seconds = 0; seconds <= 10_000; seconds += 250)
        {
            var now = Start.AddSeconds(seconds);
            foreach (var next in DrainAt(queue, now))
            {
                Assert.True(next.ExpiresAt <= now, $"{next.Key} came out at {now:T} but expires at {next.ExpiresAt:T}");
                drained.Add(next);
            }

            Assert.All(entries.Except(drained), e => Assert.True(e.ExpiresAt > now, $"{e.Key} expired at {e.ExpiresAt:T} but was still queued at {now:T}"));
        }

        Assert.Equal(entries.Select(e => e.Key).Order(), drained.Select(e => e.Key).Order());
        Assert.All(drained, e => Assert.Equal(-1, e.ExpiryIndex));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void AnEntrySetAgainForLaterIsNotDueAtItsOldExpiry()
    {
        var queue = new ExpiryQueue();
        var entry = new CacheEntry("k") { ExpiresAt = Start.AddSeconds(5) };
        queue.Add(entry);

        entry.ExpiresAt = Start.AddSeconds(10);
        queue.Changed(entry);

        Assert.Null(Due(queue, Start.AddSeconds(6)));
        Assert.Null(Due(queue, Start.AddSeconds(9)));
        Assert.Same(entry, Due(queue, Start.AddSeconds(10)));
    }

    [Fact]
    public void AnEntrySetAgainForSoonerIsDueAtItsNewExpiry()
    {
        var queue = new ExpiryQueue();
        queue.Add(new CacheEntry("first") { ExpiresAt = Start.AddSeconds(7) });
        var entry = new CacheEntry("k") { ExpiresAt = Start.AddSeconds(10) };
        queue.Add(entry);

        entry.ExpiresAt = Start.AddSeconds(5);
        queue.Changed(entry);

        Assert.Same(entry, Due(queue, Start.AddSeconds(5)));
    }

    [Fact]
    public void OneCallMovesOnlyAsManyEntriesSetAgainAsItsBudgetAndTheNextCallsGoOn()
    {
        var queue = new ExpiryQueue();
        var extended = Enumerable.Range(0, 160).Select(i => new CacheEntry($"k{i}") { ExpiresAt = Start.AddSeconds(1) }).ToList();
        extended.ForEach(queue.Add);
        var expired = new CacheEntry("expired") { ExpiresAt = Start.AddSeconds(2) };
        queue.Add(expired);
        foreach (var entry in extended)
        {
            entry.ExpiresAt = Start.AddSeconds(100);
            queue.Changed(entry);
        }

        var calls = 0;
        CacheEntry? found;
        do
        {
            var budget = 16;
            found = queue.Due(Start.AddSeconds(3), ref budget);
            Assert.True(budget >= 0);
            calls++;
        }
        while (found is null);

        Assert.Equal(160 / 16, calls);
        Assert.Same(expired, found);
    }

    [Fact]
    public void NothingIsDueBeforeTheSoonestExpiry()
    {
        var queue = new ExpiryQueue();
        queue.Add(new CacheEntry("late") { ExpiresAt = Start.AddSeconds(10) });
        queue.Add(new CacheEntry("soon") { ExpiresAt = Start.AddSeconds(5) });

        Assert.Null(Due(queue, Start.AddSeconds(4)));
        Assert.Equal("soon", Due(queue, Start.AddSeconds(5))!.Key);
    }

    /// <summary>One call with a budget of 16 entries set again.</summary>
    private static CacheEntry? Due(ExpiryQueue queue, DateTimeOffset now)
    {
        var budget = 16;
        return queue.Due(now, ref budget);
    }

    /// <summary>Takes out what is due at <paramref name="now"/>, calling on after a call that only moved entries set again.</summary>
    private static List<CacheEntry> DrainAt(ExpiryQueue queue, DateTimeOffset now)
    {
        var drained = new List<CacheEntry>();
        var calls = (2 * queue.Count) + 1;
        for (var call = 0; call < calls; call++)
        {
            if (Due(queue, now) is { } next)
            {
                queue.Remove(next);
                drained.Add(next);
            }
        }

        return drained;
    }
}
