namespace OrleansBots.Cache;

/// <summary>
/// The sets waiting to go to one other silo's shards. The first set finds nothing on its way and leaves at once; sets
/// made while a batch is on its way wait for its answer and then leave together, grouped by shard, so a busy silo sends
/// one message per batch instead of one per set, and an idle one adds no wait. Each set's task ends with its shard's
/// version (0 when refused), or fails with its shard's failure, or with the batch's when the message itself failed.
/// Thread-safe.
/// </summary>
public sealed class RelayQueue(Func<int[], CacheWrites[], Task<CacheRelayOutcome[]>> send, Action<int, SiloAddress> located, Action<Exception> failed)
{
    private readonly Lock _lock = new();
    private List<Set> _waiting = [];
    private bool _sending;

    /// <summary>Sets <paramref name="key"/> of <paramref name="shard"/>; the task ends when the shard answered.</summary>
    public Task<long> Add(int shard, string key, byte[] value, TimeSpan? ttl)
    {
        var set = new Set(shard, key, value, ttl, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_lock)
        {
            _waiting.Add(set);
            start = !_sending;
            _sending = true;
        }

        if (start)
        {
            _ = SendAllAsync();
        }

        return set.Answer.Task;
    }

    /// <summary>Sends what is waiting, batch after batch, until nothing is.</summary>
    private async Task SendAllAsync()
    {
        while (true)
        {
            List<Set> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _sending = false;
                    return;
                }

                batch = _waiting;
                _waiting = [];
            }

            // Off the first caller's context: the loop serves every caller of this queue.
            await SendAsync(batch).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one batch and answers each of its sets; never throws, so every set's task ends.</summary>
    private async Task SendAsync(List<Set> batch)
    {
        try
        {
            var groups = batch.GroupBy(set => set.Shard).Select(group => group.ToArray()).ToArray();
            var shards = groups.Select(group => group[0].Shard).ToArray();
            var writes = groups.Select(group => new CacheWrites(
                [.. group.Select(set => set.Key)],
                [.. group.Select(set => set.Value)],
                [.. group.Select(set => set.Ttl)])).ToArray();
            var outcomes = await send(shards, writes).ConfigureAwait(false);
            for (var g = 0; g < groups.Length; g++)
            {
                Answer(shards[g], groups[g], outcomes[g]);
            }
        }
        catch (Exception error)
        {
            failed(error);
            foreach (var set in batch)
            {
                set.Answer.TrySetException(error);
            }
        }
    }

    private void Answer(int shard, Set[] sets, CacheRelayOutcome outcome)
    {
        if (outcome.Receipt is not { } receipt)
        {
            var error = new OrleansException($"Cache shard {shard} failed a set: {outcome.Failure}");
            foreach (var set in sets)
            {
                set.Answer.TrySetException(error);
            }

            return;
        }

        located(shard, receipt.Silo);
        for (var i = 0; i < sets.Length; i++)
        {
            sets[i].Answer.TrySetResult(receipt.Versions[i]);
        }
    }

    private sealed record Set(int Shard, string Key, byte[] Value, TimeSpan? Ttl, TaskCompletionSource<long> Answer);
}
