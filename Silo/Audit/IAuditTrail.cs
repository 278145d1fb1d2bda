using OrleansBots.Contracts;

namespace OrleansBots.Silo.Audit;

/// <summary>Where admin actions are kept: PostgreSQL when configured (<see cref="PostgresAuditTrail"/>), else this silo's memory (<see cref="InMemoryAuditTrail"/>).</summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> entries, newest first, older than the entry <paramref name="before"/> when given.</summary>
    Task<IReadOnlyList<AuditEntryView>> ListAsync(int limit, long? before, CancellationToken cancellationToken = default);
}
