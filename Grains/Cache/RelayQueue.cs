using System.Diagnostics;

namespace OrleansBots.Cache;

/// <summary>
/// The sets waiting to go to one other silo's shards. The first set finds nothing on its way and leaves at once; sets
/// made while a batch is on its way wait for its answer and then leave together (at most <see cref="MaxSets"/> sets and
/// <see cref="MaxBytes"/> of values a batch), grouped by shard, so a busy silo sends one message per batch instead of
/// one per set, and an idle one adds no wait. Each set's task ends with its shard's version (0 when refused), or fails
/// with its shard's failure, or with the batch's when the message failed (the batch may have run: its sets are not sent
/// again). Sets that were certainly not stored go to their shards directly, in order, instead: those of a batch for a
/// silo the cluster holds for dead (not sent), and those a shard answered late (past the batch's deadline). Thread-safe.
/// </summary>
public sealed class RelayQueue(IRelayRoute route)
{
    public const int MaxSets = 256;
    public const int MaxBytes = 4 * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly List<Set> _waiting = [];
    private bool _sending;

    /// <summary>Sets <paramref name="key"/> of <paramref name="shard"/>; the task ends when the shard answered.</summary>
    public Task<long> Add(int shard, string key, byte[] value, TimeSpan? ttl)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
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
        // The loop serves every caller of this queue: the first one's request context and trace are not the batches'.
        RequestContext.Clear();
        Activity.Current = null;
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

                batch = TakeBatch();
            }

            await SendAsync(batch).ConfigureAwait(false);
        }
    }

    /// <summary>The first waiting sets up to the caps (at least one, however large).</summary>
    private List<Set> TakeBatch()
    {
        var count = 0;
        var bytes = 0L;
        while (count < _waiting.Count && count < MaxSets && (count == 0 || bytes + _waiting[count].Value.Length <= MaxBytes))
        {
            bytes += _waiting[count].Value.Length;
            count++;
        }

        var batch = _waiting.GetRange(0, count);
        _waiting.RemoveRange(0, count);
        return batch;
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
            if (route.Gone)
            {
                route.Unreachable();
                await Task.WhenAll(groups.Select((group, g) => WriteDirectAsync(shards[g], writes[g], group))).ConfigureAwait(false);
                return;
            }

            var outcomes = await route.SendAsync(shards, writes).ConfigureAwait(false);
            var late = new List<Task>();
            for (var g = 0; g < groups.Length; g++)
            {
                if (outcomes[g].Receipt is { Late: true })
                {
                    late.Add(WriteDirectAsync(shards[g], writes[g], groups[g]));
                }
                else
                {
                    Answer(shards[g], groups[g], outcomes[g]);
                }
            }

            await Task.WhenAll(late).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            route.Unreachable();
            Fail(batch, error);
        }
    }

    private void Answer(int shard, Set[] sets, CacheRelayOutcome outcome)
    {
        if (outcome.Receipt is not { } receipt)
        {
            Fail(sets, new OrleansException($"Cache shard {shard} failed a set: {outcome.Failure}"));
            return;
        }

        route.Located(shard, receipt.Silo);
        for (var i = 0; i < sets.Length; i++)
        {
            sets[i].Answer.TrySetResult(receipt.Versions[i]);
        }
    }

    /// <summary>Sets that were never stored, written by one call to their shard, in order.</summary>
    private async Task WriteDirectAsync(int shard, CacheWrites writes, Set[] sets)
    {
        CacheRelayOutcome outcome;
        try
        {
            outcome = new CacheRelayOutcome(await route.WriteDirectAsync(shard, writes).ConfigureAwait(false), null);
        }
        catch (Exception error)
        {
            Fail(sets, error);
            return;
        }

        Answer(shard, sets, outcome);
    }

    private static void Fail(IEnumerable<Set> sets, Exception error)
    {
        foreach (var set in sets)
        {
            set.Answer.TrySetException(error);
        }
    }

    private sealed record Set(int Shard, string Key, byte[] Value, TimeSpan? Ttl, TaskCompletionSource<long> Answer);
}
