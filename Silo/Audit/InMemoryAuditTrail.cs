using OrleansBots.Contracts;

namespace OrleansBots.Silo.Audit;

/// <summary>The audit trail without PostgreSQL: the last <see cref="Capacity"/> entries in this silo's memory, lost when it stops.</summary>
public sealed class InMemoryAuditTrail : IAuditTrail
{
    public const int Capacity = 10_000;

    private readonly LinkedList<AuditEntryView> _entries = new();
    private long _lastId;

    public Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        lock (_entries)
        {
            _entries.AddFirst(new AuditEntryView(++_lastId, record.At, record.Actor, record.Action, record.Target, record.Detail));
            if (_entries.Count > Capacity)
            {
                _entries.RemoveLast();
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntryView>> ListAsync(int limit, long? before, CancellationToken cancellationToken = default)
    {
        lock (_entries)
        {
            IReadOnlyList<AuditEntryView> page = _entries.Where(e => before is null || e.Id < before).Take(limit).ToList();
            return Task.FromResult(page);
        }
    }
}
