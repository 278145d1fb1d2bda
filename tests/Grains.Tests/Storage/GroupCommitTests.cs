using OrleansBots.Storage;

namespace OrleansBots.Tests.Storage;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task CommitsRequestedDuringAWriteShareTheNextWrite()
    {
        var writes = 0;
        var gate = new TaskCompletionSource();
        var commit = new GroupCommit(async () =>
        {
            writes++;
            if (writes == 1)
            {
                await gate.Task;
            }
        });

        var first = commit.CommitAsync();
        var waiting = Enumerable.Range(0, 50).Select(_ => commit.CommitAsync()).ToList();
        Assert.False(first.IsCompleted);
        gate.SetResult();
        await Task.WhenAll(waiting.Append(first));

        Assert.Equal(2, writes);
    }

    [Fact]
    public async Task ACommitAfterTheLastWriteStartsANewWrite()
    {
        var writes = 0;
        var commit = new GroupCommit(() =>
        {
            writes++;
            return Task.CompletedTask;
        });

        await commit.CommitAsync();
        await commit.CommitAsync();

        Assert.Equal(2, writes);
    }

    [Fact]
    public async Task AFailedWriteFailsItsBatchAndTheNextCommitWritesAgain()
    {
        var attempts = 0;
        var commit = new GroupCommit(() => ++attempts == 1 ? Task.FromException(new IOException("disk")) : Task.CompletedTask);

        await Assert.ThrowsAsync<IOException>(commit.CommitAsync);
        await commit.CommitAsync();

        Assert.Equal(2, attempts);
    }
}
