using Npgsql;
using NpgsqlTypes;
using OrleansBots.Storage;

namespace OrleansBots.Silo.Storage;

/// <summary>
/// Grain states as rows of <c>grain_state</c> (deploy/sql/005_grain_state.sql), read and written in batches across all
/// the silo's grains (<see cref="BatchQueue{TRequest, TResult}"/>): 100,000 bots saving at a stop are a few hundred
/// statements, not 100,000 round trips through a pool of connections. A row's version is its ETag, a number no other
/// write was given (a sequence); a write names the version it read (none: the row must not exist yet) and is refused
/// when the row has moved on. Every statement is retried through a short outage of the server
/// (<see cref="PostgresRetry"/>): a write that was applied before its connection broke finds its own
/// <see cref="StateWrite.WriteId"/> on the row, and a delete finds the row gone. While the server stays unreachable the
/// writes queued behind a failed batch fail with it rather than each wait out the retries again.
/// </summary>
public sealed class PostgresStateTable
{
    /// <summary>Rows per statement: large enough that a stop's saves take few round trips, small enough to stay a few MB.</summary>
    public const int RowsPerBatch = 1000;

    private const string Read = """
        SELECT i.n, s.version, s.payload
        FROM unnest(@grains, @names) WITH ORDINALITY AS i(grain_id, state_name, n)
        JOIN grain_state s ON s.service_id = @service AND s.grain_id = i.grain_id AND s.state_name = i.state_name
        """;

    // One statement for updates and first inserts; it returns the input ordinal and new version of each row it wrote.
    // The write id lets a retried statement whose first attempt was applied count as written.
    private const string Write = """
        WITH input AS (
            SELECT * FROM unnest(@grains, @names, @expected, @writes, @payloads) WITH ORDINALITY AS t(grain_id, state_name, expected, write_id, payload, n)
        ),
        updated AS (
            UPDATE grain_state s SET version = nextval('grain_state_versions'), write_id = i.write_id, payload = i.payload, modified_on = now()
            FROM input i
            WHERE i.expected IS NOT NULL AND s.service_id = @service AND s.grain_id = i.grain_id AND s.state_name = i.state_name
              AND (s.version = i.expected OR s.write_id = i.write_id)
            RETURNING i.n, s.version
        ),
        inserted AS (
            INSERT INTO grain_state (service_id, grain_id, state_name, version, write_id, payload)
            SELECT @service, i.grain_id, i.state_name, nextval('grain_state_versions'), i.write_id, i.payload FROM input i WHERE i.expected IS NULL
            ON CONFLICT (service_id, grain_id, state_name) DO UPDATE SET modified_on = grain_state.modified_on
            WHERE grain_state.write_id = excluded.write_id
            RETURNING grain_id, state_name, version
        )
        SELECT n, version FROM updated
        UNION ALL
        SELECT i.n, w.version FROM inserted w JOIN input i ON i.grain_id = w.grain_id AND i.state_name = w.state_name AND i.expected IS NULL
        """;

    // True when the row is gone: deleted now at the version named, or not there at all.
    private const string Delete = """
        WITH gone AS (
            DELETE FROM grain_state
            WHERE service_id = @service AND grain_id = @grain AND state_name = @name AND version = @expected
            RETURNING 1
        )
        SELECT EXISTS (SELECT 1 FROM gone)
            OR NOT EXISTS (SELECT 1 FROM grain_state WHERE service_id = @service AND grain_id = @grain AND state_name = @name)
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _service;
    private readonly PostgresRetry _retry;
    private readonly BatchQueue<StateKey, StoredState?> _reads;
    private readonly BatchQueue<StateWrite, long?> _writes;

    public PostgresStateTable(NpgsqlDataSource dataSource, string serviceId, PostgresRetry retry)
    {
        (_dataSource, _service, _retry) = (dataSource, serviceId, retry);
        _reads = new(keys => retry.RunAsync(_ => ReadBatchAsync(keys)), RowsPerBatch, PostgresRetry.IsTransient);
        _writes = new(writes => retry.RunAsync(_ => WriteBatchAsync(writes)), RowsPerBatch, PostgresRetry.IsTransient);
    }

    /// <summary>The row's version and payload, or null when the grain has none.</summary>
    public Task<StoredState?> ReadAsync(string grainId, string stateName) => _reads.Add(new StateKey(grainId, stateName));

    /// <summary>The row's new version, or null when it was not at <see cref="StateWrite.Expected"/> (another writer's).</summary>
    public Task<long?> WriteAsync(StateWrite write) => _writes.Add(write);

    /// <summary>
    /// Removes the row if it is at <paramref name="expected"/>; false when it is at another version. With
    /// <paramref name="expected"/> null (the caller read none) true only when there is no row.
    /// </summary>
    public Task<bool> DeleteAsync(string grainId, string stateName, long? expected) => _retry.RunAsync(async _ =>
    {
        await using var command = _dataSource.CreateCommand(Delete);
        command.Parameters.AddWithValue("service", _service);
        command.Parameters.AddWithValue("grain", grainId);
        command.Parameters.AddWithValue("name", stateName);
        command.Parameters.Add(new NpgsqlParameter<long?>("expected", NpgsqlDbType.Bigint) { TypedValue = expected });
        return (bool)(await command.ExecuteScalarAsync())!;
    });

    private async Task<IReadOnlyList<StoredState?>> ReadBatchAsync(IReadOnlyList<StateKey> keys)
    {
        await using var command = _dataSource.CreateCommand(Read);
        command.Parameters.AddWithValue("service", _service);
        command.Parameters.AddWithValue("grains", NpgsqlDbType.Array | NpgsqlDbType.Text, keys.Select(k => k.GrainId).ToArray());
        command.Parameters.AddWithValue("names", NpgsqlDbType.Array | NpgsqlDbType.Text, keys.Select(k => k.StateName).ToArray());
        var found = new StoredState?[keys.Count];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found[reader.GetInt64(0) - 1] = new StoredState(reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
        }

        return found;
    }

    /// <summary>
    /// Two writes of one row in a batch (two activations of one grain, for a moment) go in separate statements, in
    /// order: one statement cannot update or insert a row twice.
    /// </summary>
    private async Task<IReadOnlyList<long?>> WriteBatchAsync(IReadOnlyList<StateWrite> writes)
    {
        var results = new long?[writes.Count];
        var left = Enumerable.Range(0, writes.Count).ToList();
        while (left.Count > 0)
        {
            var keys = new HashSet<StateKey>();
            var now = left.Where(i => keys.Add(new StateKey(writes[i].GrainId, writes[i].StateName))).ToList();
            foreach (var (n, version) in await WriteOnceAsync(now.ConvertAll(i => writes[i])))
            {
                results[now[(int)n - 1]] = version;
            }

            left = left.Except(now).ToList();
        }

        return results;
    }

    private async Task<List<(long N, long Version)>> WriteOnceAsync(List<StateWrite> writes)
    {
        await using var command = _dataSource.CreateCommand(Write);
        command.Parameters.AddWithValue("service", _service);
        command.Parameters.AddWithValue("grains", NpgsqlDbType.Array | NpgsqlDbType.Text, writes.ConvertAll(w => w.GrainId).ToArray());
        command.Parameters.AddWithValue("names", NpgsqlDbType.Array | NpgsqlDbType.Text, writes.ConvertAll(w => w.StateName).ToArray());
        command.Parameters.AddWithValue("expected", NpgsqlDbType.Array | NpgsqlDbType.Bigint, writes.ConvertAll(w => w.Expected).ToArray());
        command.Parameters.AddWithValue("writes", NpgsqlDbType.Array | NpgsqlDbType.Uuid, writes.ConvertAll(w => w.WriteId).ToArray());
        command.Parameters.AddWithValue("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea, writes.ConvertAll(w => w.Payload).ToArray());
        var written = new List<(long, long)>(writes.Count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            written.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return written;
    }
}
