using OrleansBots.Cache;
using OrleansBots.Tests.Quotas;

namespace OrleansBots.Tests.Cache;

public sealed class ExpiryQueueTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EntriesComeOutSoonestFirstAfterAddsRemovalsAndRetimings()
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
        while (queue.Due(DateTimeOffset.MaxValue) is { } next)
        {
            queue.Remove(next);
            drained.Add(next);
        }

        Assert.Equal(entries.Count, drained.Count);
        Assert.Equal(entries.Select(e => e.ExpiresAt).Order(), drained.Select(e => e.ExpiresAt));
        Assert.All(drained, e => Assert.Equal(-1, e.ExpiryIndex));
    }

    [Fact]
    public void NothingIsDueBeforeTheSoonestExpiry()
    {
        var queue = new ExpiryQueue();
        queue.Add(new CacheEntry("late") { ExpiresAt = Start.AddSeconds(10) });
        queue.Add(new CacheEntry("soon") { ExpiresAt = Start.AddSeconds(5) });

        Assert.Null(queue.Due(Start.AddSeconds(4)));
        Assert.Equal("soon", queue.Due(Start.AddSeconds(5))!.Key);
    }
}
