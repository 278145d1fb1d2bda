using OrleansBots.Storage;

namespace OrleansBots.Tests.Storage;

public sealed class BatchQueueTests
{
    [Fact]
    public async Task RequestsThatArriveWhileABatchIsServedShareTheNextBatchsUpToItsSize()
    {
        var batches = new List<int>();
        var serving = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        var queue = new BatchQueue<int, int>(async requests =>
        {
            lock (batches)
            {
                batches.Add(requests.Count);
            }

            if (batches.Count == 1)
            {
                serving.SetResult();
                await gate.Task;
            }

            return requests.Select(r => r * 2).ToList();
        }, maxBatch: 100, failsWaiting: _ => false);

        var first = queue.Add(0);
        await serving.Task;
        var waiting = Enumerable.Range(1, 250).Select(queue.Add).ToList();
        Assert.False(first.IsCompleted);
        gate.SetResult();
        var results = await Task.WhenAll(waiting.Prepend(first));

        Assert.Equal(Enumerable.Range(0, 251).Select(i => i * 2), results);
        Assert.Equal([1, 100, 100, 50], batches);
    }

    [Fact]
    public async Task AFailedBatchFailsOnlyItsOwnRequestsUnlessTheErrorWouldMeetTheWaitingOnesToo()
    {
        foreach (var unreachable in new[] { false, true })
        {
            var serving = new TaskCompletionSource();
            var gate = new TaskCompletionSource();
            var served = 0;
            var queue = new BatchQueue<string, string>(async requests =>
            {
                if (++served > 1)
                {
                    return requests;
                }

                serving.SetResult();
                await gate.Task;
                throw new IOException("unreachable");
            }, maxBatch: 10, failsWaiting: error => unreachable && error is IOException);

            var failed = queue.Add("lost");
            await serving.Task;
            var waiting = queue.Add("waiting");
            gate.SetResult();
            await Assert.ThrowsAsync<IOException>(() => failed);

            if (unreachable)
            {
                await Assert.ThrowsAsync<IOException>(() => waiting);
            }
            else
            {
                Assert.Equal("waiting", await waiting);
            }

            Assert.Equal("later", await queue.Add("later"));
        }
    }
}
