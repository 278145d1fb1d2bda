using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;
using OrleansBots.Capacity;
using OrleansBots.Storage;

namespace OrleansBots.Tests.Capacity;

/// <summary>The lease journal on the test silo's real (memory) grain storage, as the capacity grain uses it without PostgreSQL.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LeaseJournalTests(ClusterFixture fixture)
{
    private readonly string _key = $"journal-{Guid.NewGuid():N}";

    private IGrainStorage Storage => fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StateNames.Store);

    [Fact]
    public async Task LeasesWrittenInBatchesAndThroughACompactionLoadBackInANewActivation()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        var journal = await LoadAsync();
        for (var batch = 0; batch < 30; batch++)
        {
            for (var i = 0; i < 100; i++)
            {
                Grant(table, $"b{batch}-{i}");
            }

            for (var i = 0; i < 50; i++)
            {
                table.Release($"b{batch}-{i}");
            }

            await journal.SaveAsync(table.TakeChanges(), table);
        }

        var loaded = await new LeaseJournal(Storage, NullLogger<LeaseJournal>.Instance).LoadAsync(_key);

        Assert.Equal(1500, loaded.Count);
        Assert.Equal(table.Records().OrderBy(l => l.BotId, StringComparer.Ordinal), loaded.OrderBy(l => l.BotId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task AfterTheFirstWritesEachWriteHoldsItsBatchNotEveryLeaseAndCompactionsStayRare()
    {
        var recorder = new SegmentRecorder(Storage);
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        var journal = new LeaseJournal(recorder, NullLogger<LeaseJournal>.Instance);
        await journal.LoadAsync(_key);
        for (var i = 0; i < 20_000; i++)
        {
            Grant(table, $"held-{i}");
        }

        await journal.SaveAsync(table.TakeChanges(), table);
        recorder.Written.Clear();

        for (var start = 0; start < 2000; start++)
        {
            Grant(table, $"new-{start}");
            await journal.SaveAsync(table.TakeChanges(), table);
        }

        // 2,000 single starts against 20,000 held leases: one small segment each, and no snapshot (it is due
        // only once the journal holds as many changes as there are leases).
        Assert.Equal(2000, recorder.Written.Count);
        Assert.All(recorder.Written, written => Assert.Equal(1, written));
    }

    [Fact]
    public async Task AStaleActivationCannotWriteOnceAnotherHasLoaded()
    {
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        var first = await LoadAsync();
        Grant(table, "a");
        await first.SaveAsync(table.TakeChanges(), table);
        Grant(table, "b");
        await first.SaveAsync(table.TakeChanges(), table);

        var second = await LoadAsync();
        var secondTable = new LeaseTable(TimeSpan.FromSeconds(30));
        Grant(secondTable, "c");
        await second.SaveAsync(secondTable.TakeChanges(), secondTable);
        Grant(table, "d");

        await Assert.ThrowsAsync<InconsistentStateException>(() => first.SaveAsync(table.TakeChanges(), table));
        var loaded = await new LeaseJournal(Storage, NullLogger<LeaseJournal>.Instance).LoadAsync(_key);
        Assert.Equal(["a", "b", "c"], loaded.Select(l => l.BotId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnAppendCostsItsBatchNotAPassOverEveryHeldLease()
    {
        // Storage that answers at once keeps the whole append on this thread, so its allocations can be counted.
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        var journal = new LeaseJournal(new ImmediateStorage(), NullLogger<LeaseJournal>.Instance);
        await journal.LoadAsync(_key);
        for (var i = 0; i < 100_000; i++)
        {
            Grant(table, $"held-{i}");
        }

        await journal.SaveAsync(table.TakeChanges(), table);
        Grant(table, "warm-up");
        await journal.SaveAsync(table.TakeChanges(), table);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var start = 0; start < 100; start++)
        {
            Grant(table, $"new-{start}");
            var append = journal.SaveAsync(table.TakeChanges(), table);
            Assert.True(append.IsCompletedSuccessfully);
        }

        // A pass over 100,000 leases allocated a record each (over 3 MB per append).
        var perAppend = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.True(perAppend < 16 * 1024, $"an append allocated {perAppend:N0} bytes with 100,000 leases held");
    }

    private async Task<LeaseJournal> LoadAsync()
    {
        var journal = new LeaseJournal(Storage, NullLogger<LeaseJournal>.Instance);
        await journal.LoadAsync(_key);
        return journal;
    }

    private static void Grant(LeaseTable table, string botId) =>
        Assert.True(table.TryAcquire(botId, "u", PlatformLimits.Defaults with { MaxConcurrentBots = 1_000_000, MaxBotsPerUser = 1_000_000 }, null, DateTimeOffset.UtcNow).Holds);

    /// <summary>The real storage, noting how many changes each written journal piece holds.</summary>
    private sealed class SegmentRecorder(IGrainStorage inner) : IGrainStorage
    {
        public List<int> Written { get; } = [];

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (grainState.State is LeaseSegment segment)
            {
                Written.Add(segment.Held.Count + segment.Freed.Count);
            }

            return inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }

    /// <summary>Grain storage in a dictionary that completes every call at once (the journal's writes, without a silo).</summary>
    private sealed class ImmediateStorage : IGrainStorage
    {
        private readonly Dictionary<GrainId, object?> _records = [];

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (_records.TryGetValue(grainId, out var stored))
            {
                (grainState.State, grainState.RecordExists, grainState.ETag) = ((T)stored!, true, "1");
            }

            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            _records[grainId] = grainState.State;
            (grainState.RecordExists, grainState.ETag) = (true, "1");
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            _records.Remove(grainId);
            return Task.CompletedTask;
        }
    }
}
