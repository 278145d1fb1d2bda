namespace OrleansBots.Storage;

/// <summary>
/// Requests from many callers served together: one batch is in flight at a time, and every request that arrives
/// meanwhile joins the next (at most <paramref name="maxBatch"/> to a batch), so a caller waits for a batch rather than
/// for a round trip of its own, and under load the batches grow instead of the queue of connections. Each caller's task
/// ends with its own result, or with the batch's error; an error that <paramref name="failsWaiting"/> says would meet
/// the requests waiting behind the batch too (the server is unreachable) fails them as well, rather than have each
/// batch wait it out in turn. Thread-safe; <see cref="GroupCommit"/> is the one-grain form.
/// </summary>
public sealed class BatchQueue<TRequest, TResult>(
    Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> serve, int maxBatch, Func<Exception, bool> failsWaiting)
{
    private readonly Lock _gate = new();
    private readonly Queue<(TRequest Request, TaskCompletionSource<TResult> Done)> _waiting = new();
    private bool _serving;

    public Task<TResult> Add(TRequest request)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            _waiting.Enqueue((request, done));
            start = !_serving;
            _serving = true;
        }

        if (start)
        {
            _ = Task.Run(ServeAsync);
        }

        return done.Task;
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            var batch = new List<(TRequest Request, TaskCompletionSource<TResult> Done)>();
            lock (_gate)
            {
                while (batch.Count < maxBatch && _waiting.TryDequeue(out var waiting))
                {
                    batch.Add(waiting);
                }

                if (batch.Count == 0)
                {
                    _serving = false;
                    return;
                }
            }

            try
            {
                var results = await serve(batch.ConvertAll(b => b.Request));
                if (results.Count != batch.Count)
                {
                    throw new InvalidOperationException($"A batch of {batch.Count} requests was served {results.Count} results");
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.SetResult(results[i]);
                }
            }
            catch (Exception error)
            {
                if (failsWaiting(error))
                {
                    lock (_gate)
                    {
                        batch.AddRange(_waiting);
                        _waiting.Clear();
                    }
                }

                batch.ForEach(b => b.Done.TrySetException(error));
            }
        }
    }
}
