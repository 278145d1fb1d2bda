using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Storage;
using OrleansBots.Storage;

namespace OrleansBots.Capacity;

/// <summary>
/// The capacity grain's leases in PostgreSQL, one row per lease (table <c>capacity_leases</c>,
/// deploy/sql/003_leases_and_history.sql): a write upserts the batch's granted leases and deletes its freed ones in
/// one round trip, so its cost is the batch's. Loading bumps the service's owner epoch
/// (<c>capacity_lease_owners</c>); a write carries the epoch it loaded with and changes nothing once another
/// activation has loaded since, which it reports as <see cref="InconsistentStateException"/>. Both are retried through a
/// short outage of the server (<see cref="PostgresRetry"/>): a load run twice claims twice, and the second claim is this
/// activation's too; a write run twice upserts and deletes the same rows again.
/// </summary>
public sealed class PostgresLeaseStore(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster, PostgresRetry retry) : ILeaseStore
{
    private const string Claim = """
        INSERT INTO capacity_lease_owners (service_id, capacity_key, epoch) VALUES (@service, @key, 1)
        ON CONFLICT (service_id, capacity_key) DO UPDATE SET epoch = capacity_lease_owners.epoch + 1
        RETURNING epoch
        """;

    private const string Upsert = """
        INSERT INTO capacity_leases (service_id, capacity_key, bot_id, user_id)
        SELECT @service, @key, b, u FROM unnest(@bots, @users) AS t(b, u)
        WHERE EXISTS (SELECT 1 FROM capacity_lease_owners WHERE service_id = @service AND capacity_key = @key AND epoch = @epoch)
        ON CONFLICT (service_id, capacity_key, bot_id) DO UPDATE SET user_id = excluded.user_id
        """;

    private const string Delete = """
        DELETE FROM capacity_leases
        WHERE service_id = @service AND capacity_key = @key AND bot_id = ANY(@freed)
          AND EXISTS (SELECT 1 FROM capacity_lease_owners WHERE service_id = @service AND capacity_key = @key AND epoch = @epoch)
        """;

    private const string Owner = "SELECT epoch FROM capacity_lease_owners WHERE service_id = @service AND capacity_key = @key";

    private readonly string _service = cluster.Value.ServiceId;
    private string _key = "";
    private long _epoch;

    public Task<IReadOnlyList<LeaseRecord>> LoadAsync(string capacityKey)
    {
        _key = capacityKey;
        return retry.RunAsync(_ => ClaimAndReadAsync());
    }

    public Task SaveAsync(LeaseBatch batch, LeaseTable leases) => retry.RunAsync(_ => WriteAsync(batch));

    private async Task<IReadOnlyList<LeaseRecord>> ClaimAndReadAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var claim = new NpgsqlCommand(Claim, connection))
        {
            claim.Parameters.AddWithValue("service", _service);
            claim.Parameters.AddWithValue("key", _key);
            _epoch = (long)(await claim.ExecuteScalarAsync())!;
        }

        await using var read = new NpgsqlCommand("SELECT bot_id, user_id FROM capacity_leases WHERE service_id = @service AND capacity_key = @key", connection);
        read.Parameters.AddWithValue("service", _service);
        read.Parameters.AddWithValue("key", _key);
        var leases = new List<LeaseRecord>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            leases.Add(new LeaseRecord(reader.GetString(0), reader.GetString(1)));
        }

        return leases;
    }

    private async Task WriteAsync(LeaseBatch batch)
    {
        // One batch of statements is one round trip and one implicit transaction.
        await using var commands = dataSource.CreateBatch();
        var upsert = new NpgsqlBatchCommand(Upsert);
        upsert.Parameters.AddWithValue("service", _service);
        upsert.Parameters.AddWithValue("key", _key);
        upsert.Parameters.AddWithValue("epoch", _epoch);
        upsert.Parameters.AddWithValue("bots", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Held.Select(l => l.BotId).ToArray());
        upsert.Parameters.AddWithValue("users", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Held.Select(l => l.UserId).ToArray());
        var delete = new NpgsqlBatchCommand(Delete);
        delete.Parameters.AddWithValue("service", _service);
        delete.Parameters.AddWithValue("key", _key);
        delete.Parameters.AddWithValue("epoch", _epoch);
        delete.Parameters.AddWithValue("freed", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Freed.ToArray());
        var owner = new NpgsqlBatchCommand(Owner);
        owner.Parameters.AddWithValue("service", _service);
        owner.Parameters.AddWithValue("key", _key);
        commands.BatchCommands.Add(upsert);
        commands.BatchCommands.Add(delete);
        commands.BatchCommands.Add(owner);
        long? epoch = null;
        await using var reader = await commands.ExecuteReaderAsync();
        do
        {
            if (await reader.ReadAsync())
            {
                epoch = reader.GetInt64(0);
            }
        }
        while (await reader.NextResultAsync());

        if (epoch != _epoch)
        {
            throw new InconsistentStateException($"The capacity leases were loaded by a newer activation (epoch {epoch}, this one {_epoch})");
        }
    }
}
