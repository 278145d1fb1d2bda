using Orleans.Storage;
using OrleansBots.Storage;

namespace OrleansBots.Capacity;

/// <summary>
/// The capacity grain's leases on any grain storage (in memory without PostgreSQL): each write appends one segment
/// holding only that batch's changes; once the journal holds as many changes as there are leases, it is compacted
/// into a snapshot of chunks under a fresh generation, a small head names the generation, and the old pieces are
/// removed. A write therefore costs the batch plus, amortised, a constant per change, however many bots run.
/// Segments are written as new records (no ETag). Loading seals the generation (it writes the next segment itself) and
/// rewrites the head, so an older activation still running elsewhere fails on its next append or compaction instead of
/// acknowledging a lease nobody will read: two activations never both admit.
/// </summary>
public sealed class LeaseJournal(IGrainStorage storage, ILogger<LeaseJournal> logger) : ILeaseStore
{
    // Below this many journaled changes a compaction is not worth its snapshot, however few leases there are.
    private const int MinChangesBeforeCompaction = 1024;

    // Loading reads segments one after another until the first missing one; this bounds how many there can be.
    private const int MaxSegments = 10_000;
    private const int ChunkSize = 4096;
    private const int ParallelReads = 32;
    private const string GrainType = "capacityleases";

    private readonly List<(GrainId Id, string? ETag)> _pieces = [];
    private GrainState<LeaseJournalHead> _head = new(new LeaseJournalHead());
    private string _key = "";
    private int _segments;
    private long _journaled;

    // A write that failed may or may not be stored; the next write starts a fresh generation instead of guessing.
    private bool _mustCompact;

    public async Task<IReadOnlyList<LeaseRecord>> LoadAsync(string capacityKey)
    {
        (_key, _segments, _journaled, _mustCompact) = (capacityKey, 0, 0, false);
        _pieces.Clear();
        _head = new GrainState<LeaseJournalHead>(new LeaseJournalHead());
        await storage.ReadStateAsync(StateNames.CapacityLeases, HeadId, _head);
        var leases = new Dictionary<string, LeaseRecord>(StringComparer.Ordinal);
        if (_head.State!.Generation is { } generation)
        {
            await ReadGenerationAsync(generation, leases);

            // Sealed: an older activation's next append (it would be this very segment) fails instead of being lost.
            await AppendAsync(new LeaseSegment());
        }

        // Rewritten: an older activation's compaction (a head write with the ETag it read) fails.
        await storage.WriteStateAsync(StateNames.CapacityLeases, HeadId, _head);
        return [.. leases.Values];
    }

    private async Task ReadGenerationAsync(string generation, Dictionary<string, LeaseRecord> leases)
    {
        var chunks = await Task.WhenAll(Enumerable.Range(0, _head.State!.Chunks).Select(i => ReadAsync(PieceId(generation, $"c{i}"))));
        foreach (var chunk in chunks)
        {
            _pieces.Add((chunk.Id, chunk.State.ETag));
            foreach (var lease in chunk.State.State!.Held)
            {
                leases[lease.BotId] = lease;
            }
        }

        while (true)
        {
            var window = await Task.WhenAll(Enumerable.Range(_segments, ParallelReads).Select(i => ReadAsync(PieceId(generation, $"s{i}"))));
            foreach (var (id, segment) in window.TakeWhile(s => s.State.RecordExists))
            {
                _pieces.Add((id, segment.ETag));
                _segments++;
                _journaled += segment.State!.Held.Count + segment.State!.Freed.Count;
                foreach (var lease in segment.State!.Held)
                {
                    leases[lease.BotId] = lease;
                }

                foreach (var botId in segment.State!.Freed)
                {
                    leases.Remove(botId);
                }
            }

            if (window.Any(s => !s.State.RecordExists))
            {
                return;
            }
        }
    }

    public async Task SaveAsync(LeaseBatch batch, LeaseTable leases)
    {
        try
        {
            // Only the count decides: every lease is read only for a compaction (it was read for every batch, a full
            // pass per start at 100,000 bots).
            if (_mustCompact || _head.State!.Generation is null || _segments >= MaxSegments
                || _journaled + batch.Count > Math.Max(MinChangesBeforeCompaction, leases.Count))
            {
                await CompactAsync(leases.Records());
            }
            else
            {
                await AppendAsync(new LeaseSegment { Held = [.. batch.Held], Freed = [.. batch.Freed] });
                _journaled += batch.Count;
            }
        }
        catch
        {
            _mustCompact = true;
            throw;
        }
    }

    /// <summary>Writes the next segment of the current generation as a new record: it fails if anyone wrote it already.</summary>
    private async Task AppendAsync(LeaseSegment segment)
    {
        var id = PieceId(_head.State!.Generation!, $"s{_segments}");
        var state = new GrainState<LeaseSegment>(segment);
        await storage.WriteStateAsync(StateNames.CapacityLeases, id, state);
        _pieces.Add((id, state.ETag));
        _segments++;
    }

    /// <summary>Writes every lease as a new generation, points the head at it, then removes the old generation's pieces.</summary>
    private async Task CompactAsync(IReadOnlyCollection<LeaseRecord> leases)
    {
        var generation = Guid.NewGuid().ToString("N");
        var chunks = leases.Chunk(ChunkSize).Select((chunk, i) => (Id: PieceId(generation, $"c{i}"), State: new GrainState<LeaseSegment>(new LeaseSegment { Held = [.. chunk] }))).ToList();
        await Task.WhenAll(chunks.Select(c => storage.WriteStateAsync(StateNames.CapacityLeases, c.Id, c.State)));
        _head.State = new LeaseJournalHead { Generation = generation, Chunks = chunks.Count };
        await storage.WriteStateAsync(StateNames.CapacityLeases, HeadId, _head);

        var old = _pieces.ToList();
        _pieces.Clear();
        _pieces.AddRange(chunks.Select(c => (c.Id, c.State.ETag)));
        (_segments, _journaled, _mustCompact) = (0, 0, false);
        _ = RemoveAsync(old);
    }

    private async Task RemoveAsync(List<(GrainId Id, string? ETag)> pieces)
    {
        try
        {
            await Parallel.ForEachAsync(pieces, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (piece, _) =>
                await storage.ClearStateAsync(StateNames.CapacityLeases, piece.Id, new GrainState<LeaseSegment>(new LeaseSegment()) { ETag = piece.ETag, RecordExists = true }));
        }
        catch (Exception error)
        {
            // Left-over pieces of an old generation are never read again; they only take room.
            logger.LogDebug(error, "Removing {Count} pieces of an old lease journal generation failed", pieces.Count);
        }
    }

    private async Task<(GrainId Id, GrainState<LeaseSegment> State)> ReadAsync(GrainId id)
    {
        var state = new GrainState<LeaseSegment>(new LeaseSegment());
        await storage.ReadStateAsync(StateNames.CapacityLeases, id, state);
        return (id, state);
    }

    private GrainId HeadId => GrainId.Create(GrainType, $"{_key}/head");

    private GrainId PieceId(string generation, string piece) => GrainId.Create(GrainType, $"{_key}/{generation}.{piece}");
}
