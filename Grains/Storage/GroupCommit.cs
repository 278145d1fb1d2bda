namespace OrleansBots.Storage;

/// <summary>
/// Batches durable writes: every caller that asks for a commit while a write is in flight shares the next
/// single write. A grain that must not await one database write per request awaits this instead, so its
/// throughput is bound by batches, not by round trips. Not thread-safe: use it from one grain's turns.
/// </summary>
public sealed class GroupCommit(Func<Task> write)
{
    private TaskCompletionSource? _next;
    private bool _writing;

    /// <summary>Completes once a write that started after this call has finished.</summary>
    public Task CommitAsync()
    {
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = _next.Task;
        if (!_writing)
        {
            _writing = true;
            _ = WriteBatchesAsync();
        }

        return done;
    }

    private async Task WriteBatchesAsync()
    {
        while (_next is { } batch)
        {
            _next = null;
            try
            {
                await write();
                batch.SetResult();
            }
            catch (Exception error)
            {
                batch.SetException(error);
            }
        }

        _writing = false;
    }
}
