using Npgsql;
using NpgsqlTypes;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;

namespace OrleansBots.Monitoring.Store;

/// <summary>
/// Tables <c>metrics</c> and <c>alerts</c> (deploy/sql/002_metrics.sql). Aggregates are first copied straight into
/// <c>metrics</c> (binary COPY, one transaction): the common case, new rows, costs what a raw COPY costs. If any row
/// of the batch is stored already (a retry after a lost answer, a replayed spool file), the unique index refuses
/// the COPY, nothing of it is kept, and the batch goes the idempotent way instead: COPY into a temporary table,
/// then an INSERT that skips rows already stored. Alerts always go the idempotent way. So a retried or replayed
/// write stores nothing twice.
/// </summary>
public sealed class PostgresMetricStore(NpgsqlDataSource dataSource) : IMetricStore, IMetricHistory
{
    /// <summary>Rows one series query reads at most; the API bounds ranges and steps well below it.</summary>
    public const int MaxRowsPerQuery = 1_000_000;

    private const string Columns = "ts, silo, name, labels, kind, value, count, min, max, buckets";
    private const string AlertColumns = "at, silo, rule, scope, severity, value, threshold, message";

    public async Task WriteAsync(IReadOnlyList<MetricAggregate> aggregates, IReadOnlyList<AlertRecord> alerts, CancellationToken cancellationToken)
    {
        if (aggregates.Count == 0 && alerts.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (aggregates.Count > 0 && await TryCopyNewAsync(connection, aggregates, cancellationToken))
        {
            aggregates = [];
            if (alerts.Count == 0)
            {
                return;
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (aggregates.Count > 0)
        {
            await ExecuteAsync(connection, "CREATE TEMP TABLE metrics_incoming (LIKE metrics INCLUDING DEFAULTS) ON COMMIT DROP", cancellationToken);
            await CopyAsync(connection, "metrics_incoming", aggregates, cancellationToken);
            await ExecuteAsync(connection, $"INSERT INTO metrics ({Columns}) SELECT {Columns} FROM metrics_incoming ON CONFLICT DO NOTHING", cancellationToken);
        }

        if (alerts.Count > 0)
        {
            await ExecuteAsync(connection, "CREATE TEMP TABLE alerts_incoming (LIKE alerts INCLUDING DEFAULTS) ON COMMIT DROP", cancellationToken);
            await using (var import = await connection.BeginBinaryImportAsync($"COPY alerts_incoming ({AlertColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var alert in alerts)
                {
                    await import.StartRowAsync(cancellationToken);
                    await import.WriteAsync(alert.At.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                    await import.WriteAsync(alert.Silo, NpgsqlDbType.Text, cancellationToken);
                    await import.WriteAsync(alert.Rule, NpgsqlDbType.Text, cancellationToken);
                    await import.WriteAsync(alert.Scope, NpgsqlDbType.Text, cancellationToken);
                    await import.WriteAsync(AlertSeverityNames.Of(alert.Severity), NpgsqlDbType.Text, cancellationToken);
                    await import.WriteAsync(alert.Value, NpgsqlDbType.Double, cancellationToken);
                    await import.WriteAsync(alert.Threshold, NpgsqlDbType.Double, cancellationToken);
                    await import.WriteAsync(alert.Message, NpgsqlDbType.Text, cancellationToken);
                }

                await import.CompleteAsync(cancellationToken);
            }

            await ExecuteAsync(connection, $"INSERT INTO alerts ({AlertColumns}) SELECT {AlertColumns} FROM alerts_incoming ON CONFLICT DO NOTHING", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Copies the batch straight into <c>metrics</c>; false, with nothing written, when a row of it is stored already.</summary>
    private static async Task<bool> TryCopyNewAsync(NpgsqlConnection connection, IReadOnlyList<MetricAggregate> aggregates, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await CopyAsync(connection, "metrics", aggregates, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
    }

    /// <summary>Binary COPY of aggregates into a table with the columns of <c>metrics</c>; the benchmark's physical limit uses it too.</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<MetricAggregate> aggregates, CancellationToken cancellationToken)
    {
        await using var import = await connection.BeginBinaryImportAsync($"COPY {table} ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var aggregate in aggregates)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(aggregate.Timestamp.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(aggregate.Silo, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(aggregate.Name, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(string.IsNullOrEmpty(aggregate.Labels) ? "{}" : aggregate.Labels, NpgsqlDbType.Jsonb, cancellationToken);
            await import.WriteAsync(MetricKindNames.Of(aggregate.Kind), NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(aggregate.Value, NpgsqlDbType.Double, cancellationToken);
            await import.WriteAsync(aggregate.Count, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(aggregate.Min, NpgsqlDbType.Double, cancellationToken);
            await import.WriteAsync(aggregate.Max, NpgsqlDbType.Double, cancellationToken);
            if (aggregate.BucketCounts is { } buckets)
            {
                await import.WriteAsync(buckets, NpgsqlDbType.Array | NpgsqlDbType.Bigint, cancellationToken);
            }
            else
            {
                await import.WriteNullAsync(cancellationToken);
            }
        }

        await import.CompleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> NamesAsync(DateTimeOffset from, DateTimeOffset to, string? silo, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT DISTINCT name FROM metrics WHERE ts >= @from AND ts < @to" + (silo is null ? "" : " AND silo = @silo") + " ORDER BY name");
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        command.Parameters.AddWithValue("to", to.ToUniversalTime());
        if (silo is not null)
        {
            command.Parameters.AddWithValue("silo", silo);
        }

        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public async Task<IReadOnlyList<MetricSeries>> SeriesAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {Columns} FROM metrics WHERE name = @name AND ts >= @from AND ts < @to"
            + (query.Silo is null ? "" : " AND silo = @silo")
            + (query.Labels is { Count: > 0 } ? " AND labels @> @labels" : "")
            + " ORDER BY ts LIMIT @limit";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("name", query.Name);
        command.Parameters.AddWithValue("from", query.From.ToUniversalTime());
        command.Parameters.AddWithValue("to", query.To.ToUniversalTime());
        command.Parameters.AddWithValue("limit", MaxRowsPerQuery);
        if (query.Silo is not null)
        {
            command.Parameters.AddWithValue("silo", query.Silo);
        }

        if (query.Labels is { Count: > 0 } labels)
        {
            command.Parameters.AddWithValue("labels", NpgsqlDbType.Jsonb, MetricLabels.Canonical(labels));
        }

        var rows = new List<MetricAggregate>();
        var labelForms = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new MetricAggregate(
                reader.GetFieldValue<DateTimeOffset>(0),
                reader.GetString(1),
                reader.GetString(2),
                Canonical(reader.GetString(3), labelForms),
                MetricKindNames.Parse(reader.GetString(4)),
                reader.GetDouble(5),
                reader.GetInt64(6),
                reader.GetDouble(7),
                reader.GetDouble(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<long[]>(9)));
        }

        return SeriesBuilder.Build(query, rows);
    }

    public async Task<IReadOnlyList<AlertRecord>> RecentAlertsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {AlertColumns} FROM alerts ORDER BY at DESC LIMIT @limit");
        command.Parameters.AddWithValue("limit", limit);
        var alerts = new List<AlertRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new AlertRecord(
                reader.GetFieldValue<DateTimeOffset>(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                AlertSeverityNames.Parse(reader.GetString(4)),
                reader.GetDouble(5),
                reader.GetDouble(6),
                reader.GetString(7)));
        }

        return alerts;
    }

    /// <summary>Deletes rows older than the cutoff from <c>metrics</c> and <c>alerts</c>, at most <paramref name="batchSize"/> per statement.</summary>
    public async Task<(long Metrics, long Alerts)> DeleteOlderThanAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        var metrics = await DeleteInBatchesAsync("metrics", "ts", cutoff, batchSize, cancellationToken);
        var alerts = await DeleteInBatchesAsync("alerts", "at", cutoff, batchSize, cancellationToken);
        return (metrics, alerts);
    }

    private async Task<long> DeleteInBatchesAsync(string table, string column, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                $"DELETE FROM {table} WHERE ctid IN (SELECT ctid FROM {table} WHERE {column} < @cutoff LIMIT @batch)");
            command.Parameters.AddWithValue("cutoff", cutoff.ToUniversalTime());
            command.Parameters.AddWithValue("batch", batchSize);
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
            if (deleted < batchSize)
            {
                return total;
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>jsonb comes back with its own spacing; the canonical form is compact. A series repeats its labels on every row.</summary>
    private static string Canonical(string labels, Dictionary<string, string> seen)
    {
        if (!seen.TryGetValue(labels, out var canonical))
        {
            canonical = labels == "{}" ? labels : MetricLabels.Canonical(MetricLabels.Parse(labels));
            seen[labels] = canonical;
        }

        return canonical;
    }
}
