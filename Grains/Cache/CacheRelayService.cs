namespace OrleansBots.Cache;

/// <summary>
/// This silo's end of relayed sets (<see cref="ICacheRelayService"/>): calls each shard of a batch once, all at once, and
/// answers every shard's outcome, so one shard's failure fails only its own sets; nothing is stored past the batch's
/// deadline (checked here and by each shard). A system target, so batches from several silos interleave while their shards answer.
/// </summary>
public sealed class CacheRelayService(GrainId id, Silo silo, ILoggerFactory loggers, IGrainFactory grains, IOptions<CacheOptions> options, CacheInstruments instruments, TimeProvider time)
    : GrainService(id, silo, loggers), ICacheRelayService
{
    private readonly int _shards = options.Value.Shards;
    private readonly ICacheShardGrain[] _references = ShardedCache.ReferencesTo(grains, options.Value.Shards);

    public async Task<CacheRelayOutcome[]> Write(int[] shards, CacheWrites[] writes, DateTime deadline)
    {
        if (writes.Length != shards.Length)
        {
            throw new ArgumentException($"A relayed batch needs one set of writes per shard ({shards.Length} shards, {writes.Length} sets of writes)", nameof(writes));
        }

        foreach (var shard in shards)
        {
            if (shard < 0 || shard >= _shards)
            {
                throw new ArgumentOutOfRangeException(nameof(shards), $"Shard {shard} is not one of this cache's {_shards} shards");
            }
        }

        if (time.GetUtcNow().UtcDateTime > deadline)
        {
            return [.. shards.Select(_ => new CacheRelayOutcome(new CacheWriteReceipt([], this.Silo, Late: true), null))];
        }

        instruments.Relayed(writes.Sum(write => write.Keys.Length));
        var calls = new Task<CacheWriteReceipt>[shards.Length];
        for (var i = 0; i < shards.Length; i++)
        {
            calls[i] = _references[shards[i]].WriteMany(writes[i], deadline);
        }

        var outcomes = new CacheRelayOutcome[shards.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            try
            {
                outcomes[i] = new CacheRelayOutcome(await calls[i], null);
            }
            catch (Exception error)
            {
                outcomes[i] = new CacheRelayOutcome(null, error.Message);
            }
        }

        return outcomes;
    }
}
