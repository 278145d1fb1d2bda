using System.Net;
using OrleansBots.Cache;

namespace OrleansBots.Tests.Cache;

public sealed class RelayQueueTests
{
    private static readonly SiloAddress There = SiloAddress.New(IPAddress.Loopback, 11111, 1);
    private static readonly SiloAddress Elsewhere = SiloAddress.New(IPAddress.Loopback, 11112, 2);

    private readonly List<(int[] Shards, CacheWrites[] Writes, TaskCompletionSource<CacheRelayOutcome[]> Answer)> _sent = [];
    private readonly List<(int Shard, SiloAddress Silo)> _located = [];
    private readonly List<Exception> _failed = [];

    [Fact]
    public async Task TheFirstSetLeavesAtOnceAndThoseMadeWhileItIsOnItsWayLeaveTogetherGroupedByShard()
    {
        var queue = Queue();

        var a = queue.Add(1, "a", [1], null);
        var b = queue.Add(2, "b", [2], TimeSpan.FromSeconds(5));
        var c = queue.Add(1, "c", [3], null);
        var d = queue.Add(2, "d", [4], null);

        var first = Assert.Single(_sent);
        Assert.Equal([1], first.Shards);
        Assert.Equal(["a"], first.Writes[0].Keys);
        first.Answer.SetResult([Stored(10)]);
        Assert.Equal(10, await a);

        await WaitUntil(() => _sent.Count == 2);
        var second = _sent[1];
        Assert.Equal([2, 1], second.Shards);
        Assert.Equal(["b", "d"], second.Writes[0].Keys);
        Assert.Equal([[2], [4]], second.Writes[0].Values);
        Assert.Equal([TimeSpan.FromSeconds(5), null], second.Writes[0].Ttls);
        Assert.Equal(["c"], second.Writes[1].Keys);
        Assert.False(b.IsCompleted);
        second.Answer.SetResult([Stored(21, 0), Stored(30)]);

        var versions = await Task.WhenAll(b, d, c);
        Assert.Equal([21L, 0L, 30L], versions);
        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task EachAnswerSaysWhereItsShardLives()
    {
        var queue = Queue();

        var set = queue.Add(7, "k", [1], null);
        _sent[0].Answer.SetResult([new CacheRelayOutcome(new CacheWriteReceipt([5], Elsewhere), null)]);
        await set;

        Assert.Equal([(7, Elsewhere)], _located);
    }

    [Fact]
    public async Task AShardThatFailedFailsOnlyItsOwnSets()
    {
        var queue = Queue();
        var first = queue.Add(1, "first", [1], null);
        var mine = queue.Add(1, "mine", [1], null);
        var other = queue.Add(2, "other", [2], null);
        _sent[0].Answer.SetResult([Stored(1)]);
        await first;
        await WaitUntil(() => _sent.Count == 2);

        _sent[1].Answer.SetResult([new CacheRelayOutcome(null, "shard 1 is overloaded"), Stored(8)]);

        var error = await Assert.ThrowsAsync<OrleansException>(() => mine);
        Assert.Contains("shard 1 is overloaded", error.Message);
        Assert.Equal(8, await other);
        Assert.Empty(_failed);
    }

    [Fact]
    public async Task AMessageThatFailedFailsEverySetOfItsBatchAndTheNextSetsStillLeave()
    {
        var queue = Queue();
        var first = queue.Add(1, "a", [1], null);
        var second = queue.Add(2, "b", [2], null);

        _sent[0].Answer.SetException(new SiloUnavailableException("gone"));

        await Assert.ThrowsAsync<SiloUnavailableException>(() => first);
        await WaitUntil(() => _sent.Count == 2);
        _sent[1].Answer.SetException(new TimeoutException("slow"));
        await Assert.ThrowsAsync<TimeoutException>(() => second);
        Assert.Equal(2, _failed.Count);

        var third = queue.Add(3, "c", [3], null);
        await WaitUntil(() => _sent.Count == 3);
        _sent[2].Answer.SetResult([Stored(4)]);
        Assert.Equal(4, await third);
    }

    private static CacheRelayOutcome Stored(params long[] versions) => new(new CacheWriteReceipt(versions, There), null);

    private RelayQueue Queue() => new(
        (shards, writes) =>
        {
            var answer = new TaskCompletionSource<CacheRelayOutcome[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_sent)
            {
                _sent.Add((shards, writes, answer));
            }

            return answer.Task;
        },
        (shard, silo) => _located.Add((shard, silo)),
        _failed.Add);

    private async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !Locked(condition); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(Locked(condition));
    }

    private bool Locked(Func<bool> condition)
    {
        lock (_sent)
        {
            return condition();
        }
    }
}
