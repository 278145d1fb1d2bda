using System.Net;
using OrleansBots.Cache;

namespace OrleansBots.Tests.Cache;

public sealed class RelayQueueTests
{
    private static readonly SiloAddress There = SiloAddress.New(IPAddress.Loopback, 11111, 1);
    private static readonly SiloAddress Elsewhere = SiloAddress.New(IPAddress.Loopback, 11112, 2);

    private readonly ScriptedRoute _route = new();

    [Fact]
    public async Task TheFirstSetLeavesAtOnceAndThoseMadeWhileItIsOnItsWayLeaveTogetherGroupedByShard()
    {
        var queue = new RelayQueue(_route);

        var a = queue.Add(1, "a", [1], null);
        var b = queue.Add(2, "b", [2], TimeSpan.FromSeconds(5));
        var c = queue.Add(1, "c", [3], null);
        var d = queue.Add(2, "d", [4], null);

        var first = Assert.Single(_route.Sent);
        Assert.Equal([1], first.Shards);
        Assert.Equal(["a"], first.Writes[0].Keys);
        first.Answer.SetResult([Stored(10)]);
        Assert.Equal(10, await a);

        var second = await _route.BatchAsync(1);
        Assert.Equal([2, 1], second.Shards);
        Assert.Equal(["b", "d"], second.Writes[0].Keys);
        Assert.Equal([[2], [4]], second.Writes[0].Values);
        Assert.Equal([TimeSpan.FromSeconds(5), null], second.Writes[0].Ttls);
        Assert.Equal(["c"], second.Writes[1].Keys);
        Assert.False(b.IsCompleted);
        second.Answer.SetResult([Stored(21, 0), Stored(30)]);

        var versions = await Task.WhenAll(b, d, c);
        Assert.Equal([21L, 0L, 30L], versions);
        Assert.Equal(2, _route.Sent.Count);
    }

    [Fact]
    public async Task ABatchCarriesAtMostItsCapOfSetsTheRestLeaveWithTheNext()
    {
        var queue = new RelayQueue(_route);
        var first = queue.Add(0, "first", [0], null);
        var waiting = Enumerable.Range(0, RelayQueue.MaxSets + 10).Select(i => queue.Add(i % 3, $"k{i}", [1], null)).ToArray();

        _route.Sent[0].Answer.SetResult([Stored(1)]);
        var full = await _route.BatchAsync(1);
        Assert.Equal(RelayQueue.MaxSets, full.Writes.Sum(write => write.Keys.Length));
        full.Answer.SetResult([.. full.Writes.Select(write => Stored([.. write.Keys.Select(_ => 5L)]))]);
        var rest = await _route.BatchAsync(2);

        Assert.Equal(10, rest.Writes.Sum(write => write.Keys.Length));
        Assert.Equal(["k256", "k259", "k262", "k265"], rest.Writes[rest.Shards.IndexOf(1)].Keys);
        rest.Answer.SetResult([.. rest.Writes.Select(write => Stored([.. write.Keys.Select(_ => 6L)]))]);
        Assert.Equal(1, await first);
        Assert.All(await Task.WhenAll(waiting.Take(RelayQueue.MaxSets)), version => Assert.Equal(5, version));
        Assert.All(await Task.WhenAll(waiting.Skip(RelayQueue.MaxSets)), version => Assert.Equal(6, version));
    }

    [Fact]
    public async Task EachAnswerSaysWhereItsShardLives()
    {
        var queue = new RelayQueue(_route);

        var set = queue.Add(7, "k", [1], null);
        _route.Sent[0].Answer.SetResult([new CacheRelayOutcome(new CacheWriteReceipt([5], Elsewhere), null)]);
        await set;

        Assert.Equal([(7, Elsewhere)], _route.Locations);
    }

    [Fact]
    public async Task AShardThatFailedFailsOnlyItsOwnSets()
    {
        var queue = new RelayQueue(_route);
        var first = queue.Add(1, "first", [1], null);
        var mine = queue.Add(1, "mine", [1], null);
        var other = queue.Add(2, "other", [2], null);
        _route.Sent[0].Answer.SetResult([Stored(1)]);
        await first;

        (await _route.BatchAsync(1)).Answer.SetResult([new CacheRelayOutcome(null, "shard 1 is overloaded"), Stored(8)]);

        var error = await Assert.ThrowsAsync<OrleansException>(() => mine);
        Assert.Contains("shard 1 is overloaded", error.Message);
        Assert.Equal(8, await other);
        Assert.Equal(0, _route.Unreachables);
    }

    [Fact]
    public async Task ABatchForASiloTheClusterHoldsForDeadIsNotSentItsSetsGoToTheirShardsDirectlyInOrder()
    {
        var queue = new RelayQueue(_route);
        _route.Gone = true;

        Assert.Equal(100, await queue.Add(1, "a", [1], null));
        _route.Hold = new TaskCompletionSource();
        var held = queue.Add(1, "held", [1], null);
        var later = new[] { queue.Add(1, "b", [2], null), queue.Add(2, "c", [3], null), queue.Add(1, "d", [4], null) };
        _route.Hold.SetResult();

        Assert.Equal(100, await held);
        var versions = await Task.WhenAll(later);
        Assert.Equal([100L, 100L, 101L], versions);
        Assert.Empty(_route.Sent);
        Assert.Equal(["1:a", "1:held", "1:b,d", "2:c"], _route.Direct);
        Assert.Equal(3, _route.Unreachables);
    }

    [Fact]
    public async Task SetsAShardAnsweredLateForAreWrittenDirectlyTheOthersKeepTheirAnswers()
    {
        var queue = new RelayQueue(_route);
        var first = queue.Add(1, "first", [1], null);
        var late = queue.Add(1, "late", [1], null);
        var onTime = queue.Add(2, "on time", [2], null);
        _route.Sent[0].Answer.SetResult([Stored(1)]);
        await first;

        (await _route.BatchAsync(1)).Answer.SetResult([new CacheRelayOutcome(new CacheWriteReceipt([], There, Late: true), null), Stored(8)]);

        Assert.Equal(100, await late);
        Assert.Equal(8, await onTime);
        Assert.Equal(["1:late"], _route.Direct);
        Assert.Equal(0, _route.Unreachables);
    }

    [Fact]
    public async Task AMessageThatFailedFailsEverySetOfItsBatchWithoutSendingThemAgainAndTheNextSetsStillLeave()
    {
        var queue = new RelayQueue(_route);
        var first = queue.Add(1, "a", [1], null);
        var second = queue.Add(2, "b", [2], null);

        _route.Sent[0].Answer.SetException(new TimeoutException("slow"));
        await Assert.ThrowsAsync<TimeoutException>(() => first);
        (await _route.BatchAsync(1)).Answer.SetException(new SiloUnavailableException("declared dead while the batch was on its way"));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => second);

        Assert.Equal(2, _route.Unreachables);
        Assert.Empty(_route.Direct);
        var next = queue.Add(3, "c", [3], null);
        (await _route.BatchAsync(2)).Answer.SetResult([Stored(4)]);
        Assert.Equal(4, await next);
    }

    private static CacheRelayOutcome Stored(params long[] versions) => new(new CacheWriteReceipt(versions, There), null);

    /// <summary>Records the batches sent and answers them when a test says so; a direct write answers 100, 101, ... for its sets.</summary>
    private sealed class ScriptedRoute : IRelayRoute
    {
        private readonly Lock _lock = new();

        public List<(int[] Shards, CacheWrites[] Writes, TaskCompletionSource<CacheRelayOutcome[]> Answer)> Sent { get; } = [];

        public List<(int Shard, SiloAddress Silo)> Locations { get; } = [];

        /// <summary>Each direct write as "shard:key,key".</summary>
        public List<string> Direct { get; } = [];

        public int Unreachables { get; private set; }

        public bool Gone { get; set; }

        /// <summary>When set, direct writes wait for it.</summary>
        public TaskCompletionSource? Hold { get; set; }

        public Task<CacheRelayOutcome[]> SendAsync(int[] shards, CacheWrites[] writes)
        {
            var answer = new TaskCompletionSource<CacheRelayOutcome[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                Sent.Add((shards, writes, answer));
            }

            return answer.Task;
        }

        public async Task<CacheWriteReceipt> WriteDirectAsync(int shard, CacheWrites writes)
        {
            lock (_lock)
            {
                Direct.Add($"{shard}:{string.Join(',', writes.Keys)}");
            }

            if (Hold is { } hold)
            {
                await hold.Task;
            }

            return new CacheWriteReceipt([.. writes.Keys.Select((_, i) => 100L + i)], Elsewhere);
        }

        public void Located(int shard, SiloAddress silo) => Locations.Add((shard, silo));

        public void Unreachable() => Unreachables++;

        /// <summary>The batch sent at <paramref name="index"/> (0 is the first), once it has been.</summary>
        public async Task<(int[] Shards, CacheWrites[] Writes, TaskCompletionSource<CacheRelayOutcome[]> Answer)> BatchAsync(int index)
        {
            for (var i = 0; i < 500; i++)
            {
                lock (_lock)
                {
                    if (Sent.Count > index)
                    {
                        return Sent[index];
                    }
                }

                await Task.Delay(10);
            }

            throw new TimeoutException($"batch {index} was not sent within 5 s");
        }
    }
}
