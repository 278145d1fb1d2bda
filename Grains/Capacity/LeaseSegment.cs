namespace OrleansBots.Capacity;

/// <summary>One stored piece of the lease journal: a batch of changes, or a chunk of a compacted snapshot (only <see cref="Held"/>).</summary>
[GenerateSerializer, Alias("OrleansBots.LeaseSegment")]
public sealed class LeaseSegment
{
    [Id(0)] public List<LeaseRecord> Held { get; set; } = [];

    [Id(1)] public List<string> Freed { get; set; } = [];
}

/// <summary>Which snapshot of the lease journal is current: its generation (a fresh id per compaction) and its number of chunks.</summary>
[GenerateSerializer, Alias("OrleansBots.LeaseJournalHead")]
public sealed class LeaseJournalHead
{
    [Id(0)] public string? Generation { get; set; }

    [Id(1)] public int Chunks { get; set; }
}
