using Npgsql;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Audit;

/// <summary>The audit trail in PostgreSQL (table <c>admin_audit</c>, deploy/sql/004_admin_audit.sql): every silo writes and reads the same rows.</summary>
public sealed class PostgresAuditTrail(NpgsqlDataSource dataSource) : IAuditTrail
{
    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO admin_audit (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)");
        command.Parameters.AddWithValue(record.At.UtcDateTime);
        command.Parameters.AddWithValue(record.Actor);
        command.Parameters.AddWithValue(record.Action);
        command.Parameters.AddWithValue(record.Target);
        command.Parameters.AddWithValue((object?)record.Detail ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntryView>> ListAsync(int limit, long? before, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, at, actor, action, target, detail FROM admin_audit WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.AddWithValue(limit);
        var entries = new List<AuditEntryView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntryView(
                reader.GetInt64(0),
                new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return entries;
    }
}
