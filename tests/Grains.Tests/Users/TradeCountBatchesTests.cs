using Microsoft.Extensions.Time.Testing;
using OrleansBots.Quotas;
using OrleansBots.Users;

namespace OrleansBots.Tests.Users;

/// <summary>The silo's trade counts in batches, over a fake user that answers when the test says so.</summary>
public sealed class TradeCountBatchesTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheFirstTradeIsAskedAtOnceAndTheTradesAskedMeanwhileGoTogetherInTheNextCall()
    {
        var users = new FakeUsers(limit: 100);
        var batches = new TradeCountBatches(users.CountAsync);

        var first = batches.CountAsync("ann");
        var meanwhile = Enumerable.Range(0, 10).Select(_ => batches.CountAsync("ann")).ToList();
        Assert.Equal([("ann", 1)], users.Asked);

        var answers = await AnswerFirstThenMeanwhileAsync(users, first, meanwhile);

        Assert.Equal([("ann", 1), ("ann", 10)], users.Asked);
        Assert.All(answers, a => Assert.True(a.Allowed));
        Assert.Equal(Enumerable.Range(2, 10), answers.Select(a => a.UsedToday));
    }

    [Fact]
    public async Task TradesAskedWithinTheGatheringTimeAreCountedInOneCallMadeWhenItEnds()
    {
        var users = new FakeUsers(limit: 100);
        var time = new FakeTimeProvider(Midnight);
        var batches = new TradeCountBatches(users.CountAsync, TimeSpan.FromMilliseconds(25), time);

        var trades = Enumerable.Range(0, 5).Select(_ => batches.CountAsync("ann")).ToList();
        time.Advance(TimeSpan.FromMilliseconds(24));
        await Task.Delay(50);
        Assert.Empty(users.Asked);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => users.Asked.Count == 1);
        users.AnswerNext();

        Assert.Equal([("ann", 5)], users.Asked);
        Assert.Equal(Enumerable.Range(1, 5), (await Task.WhenAll(trades)).Select(a => a.UsedToday));
    }

    [Fact]
    public async Task TheQuotasRoomGoesToTheFirstTradesAskedAndTheRestAreRefusedWithTheFullCount()
    {
        var users = new FakeUsers(limit: 4);
        var batches = new TradeCountBatches(users.CountAsync);
        var first = batches.CountAsync("bo");
        var meanwhile = Enumerable.Range(0, 6).Select(_ => batches.CountAsync("bo")).ToList();

        var answers = await AnswerFirstThenMeanwhileAsync(users, first, meanwhile);

        Assert.Equal([true, true, true, false, false, false], answers.Select(a => a.Allowed));
        Assert.Equal([2, 3, 4, 4, 4, 4], answers.Select(a => a.UsedToday));
        Assert.All(answers, a => Assert.Equal((4, Midnight), (a.Limit, a.ResetsAt)));
    }

    [Fact]
    public async Task EachUserHasACallOfItsOwn()
    {
        var users = new FakeUsers(limit: 10);
        var batches = new TradeCountBatches(users.CountAsync);

        var ann = batches.CountAsync("ann");
        var bo = batches.CountAsync("bo");

        Assert.Equal([("ann", 1), ("bo", 1)], users.Asked);
        users.AnswerNext();
        users.AnswerNext();
        Assert.True((await ann).Allowed);
        Assert.True((await bo).Allowed);
    }

    [Fact]
    public async Task AFailedCallFailsTheTradesOfItsBatchAndTheNextBatchIsStillAsked()
    {
        var users = new FakeUsers(limit: 10);
        var batches = new TradeCountBatches(users.CountAsync);
        var first = batches.CountAsync("cy");
        var second = batches.CountAsync("cy");
        var third = batches.CountAsync("cy");

        users.FailNext(new TimeoutException("the user did not answer"));
        await WaitUntilAsync(() => users.Asked.Count == 2);
        users.AnswerNext();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => first);
        Assert.Equal("the user did not answer", error.Message);
        Assert.Equal([true, true], (await Task.WhenAll(second, third)).Select(a => a.Allowed));
        Assert.Equal([("cy", 1), ("cy", 2)], users.Asked);
    }

    [Fact]
    public async Task AUserLeavesTheBatchesWhenItsLastCallEndsAndATradeAfterThatIsAskedAtOnce()
    {
        var users = new FakeUsers(limit: 10);
        var batches = new TradeCountBatches(users.CountAsync);
        var first = batches.CountAsync("dee");
        Assert.Equal(1, batches.Calling);

        users.AnswerNext();
        await first;
        await WaitUntilAsync(() => batches.Calling == 0);
        var later = batches.CountAsync("dee");

        Assert.Equal([("dee", 1), ("dee", 1)], users.Asked);
        users.AnswerNext();
        Assert.Equal(2, (await later).UsedToday);
    }

    /// <summary>Answers the first call, then the second (the trades asked meanwhile); returns those trades' answers.</summary>
    private static async Task<TradeQuotaAnswer[]> AnswerFirstThenMeanwhileAsync(FakeUsers users, Task<TradeQuotaAnswer> first, List<Task<TradeQuotaAnswer>> meanwhile)
    {
        users.AnswerNext();
        await first;
        await WaitUntilAsync(() => users.Asked.Count == 2);
        users.AnswerNext();
        return await Task.WhenAll(meanwhile);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within 10 s");
            await Task.Delay(5);
        }
    }

    /// <summary>Users with a daily quota each, whose calls wait until the test answers or fails them, in order.</summary>
    private sealed class FakeUsers(int limit)
    {
        private readonly Lock _gate = new();
        private readonly Queue<(string User, int Count, TaskCompletionSource<TradeCountAnswer> Answer)> _waiting = new();
        private readonly Dictionary<string, int> _used = [];
        private readonly List<(string, int)> _asked = [];

        public IReadOnlyList<(string, int)> Asked
        {
            get
            {
                lock (_gate)
                {
                    return [.. _asked];
                }
            }
        }

        public Task<TradeCountAnswer> CountAsync(string user, int count)
        {
            lock (_gate)
            {
                _asked.Add((user, count));
                var answer = new TaskCompletionSource<TradeCountAnswer>();
                _waiting.Enqueue((user, count, answer));
                return answer.Task;
            }
        }

        public void AnswerNext()
        {
            var (user, count, answer) = Next();
            var used = _used.GetValueOrDefault(user);
            var counted = Math.Min(count, limit - used);
            _used[user] = used + counted;
            answer.SetResult(new TradeCountAnswer(counted, used + counted, limit, Midnight));
        }

        public void FailNext(Exception error) => Next().Answer.SetException(error);

        private (string User, int Count, TaskCompletionSource<TradeCountAnswer> Answer) Next()
        {
            lock (_gate)
            {
                return _waiting.Dequeue();
            }
        }
    }
}
